package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * What the recogniser read in one text line.
 *
 * @param text the characters, possibly empty
 * @param confidence the mean probability of the characters read, in {@code [0, 1]}; 0 when none were
 */
public record RecognizedText(String text, float confidence) {

    public RecognizedText {
        Objects.requireNonNull(text, "text");
    }
}
