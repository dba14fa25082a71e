package dev.trellis.samples.tagging;

import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.tags.ImageStats;

/**
 * An uploaded image after pre-processing.
 *
 * @param format the format its bytes were in ({@code png}, {@code jpeg})
 * @param pixels the image upright (EXIF orientation applied), for cutting out the text
 * @param detection the detector's input: resized within its limits and normalised
 * @param stats what the tags read from the pixels (size, dominant colours)
 */
public record PreparedImage(String format, RgbImage pixels, DetectionInput detection, ImageStats stats) {}
