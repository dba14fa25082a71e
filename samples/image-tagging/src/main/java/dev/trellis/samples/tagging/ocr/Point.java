package dev.trellis.samples.tagging.ocr;

/**
 * A point in an image's pixel coordinates: x to the right, y down.
 *
 * @param x the column
 * @param y the row
 */
public record Point(float x, float y) {

    /** The distance to {@code other}. */
    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
