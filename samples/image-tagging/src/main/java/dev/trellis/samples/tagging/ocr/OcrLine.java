package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * One line of text read in an image.
 *
 * @param text what it says
 * @param confidence the recogniser's confidence, in {@code [0, 1]}
 * @param box where it is, in the image's coordinates
 */
public record OcrLine(String text, float confidence, TextBox box) {

    public OcrLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(box, "box");
    }
}
