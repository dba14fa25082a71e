package dev.trellis.samples.tagging.ocr;

/**
 * Which way up a text line is, as the direction classifier judged.
 *
 * @param degrees 180 when the line is upside down and must be turned, else 0
 * @param confidence the classifier's probability for that answer
 */
public record Orientation(int degrees, float confidence) {

    public Orientation {
        if (degrees != 0 && degrees != 180) {
            throw new IllegalArgumentException("A text line is at 0 or 180 degrees, was " + degrees);
        }
    }
}
