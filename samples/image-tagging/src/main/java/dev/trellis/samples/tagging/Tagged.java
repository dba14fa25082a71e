package dev.trellis.samples.tagging;

import java.util.List;

/**
 * What post-processing makes of the recognised text and the image.
 *
 * @param texts the lines read, in reading order, the unsure ones left out
 * @param tags the tags the business rules derive from the text and the pixels
 */
public record Tagged(List<TextResult> texts, List<String> tags) {}
