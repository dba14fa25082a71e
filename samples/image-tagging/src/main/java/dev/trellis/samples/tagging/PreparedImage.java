package dev.trellis.samples.tagging;

import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.tags.ImageStats;

/**
 * An uploaded image after pre-processing. The detector gets these pixels, three bytes each, and resizes and
 * normalises them itself: its float input would be three to four times larger on the wire between two
 * processes, twice over.
 *
 * @param format the format its bytes were in ({@code png}, {@code jpeg})
 * @param pixels the image upright (EXIF orientation applied), for cutting out the text
 * @param stats what the tags read from the pixels (size, dominant colours)
 */
public record PreparedImage(String format, RgbImage pixels, ImageStats stats) {}
