package dev.trellis.samples.tagging.ocr;

import java.util.List;
import java.util.Objects;

/**
 * A text line the detector found: a quadrilateral in the original image's coordinates, its corners in
 * reading order (the top left corner is the one where reading starts), and how sure the detector is.
 *
 * @param topLeft where the line starts, at the top
 * @param topRight where it ends, at the top
 * @param bottomRight where it ends, at the bottom
 * @param bottomLeft where it starts, at the bottom
 * @param score the mean text probability inside the box, in {@code [0, 1]}
 */
public record TextBox(Point topLeft, Point topRight, Point bottomRight, Point bottomLeft, float score) {

    public TextBox {
        Objects.requireNonNull(topLeft, "topLeft");
        Objects.requireNonNull(topRight, "topRight");
        Objects.requireNonNull(bottomRight, "bottomRight");
        Objects.requireNonNull(bottomLeft, "bottomLeft");
    }

    /** The corners, clockwise from the top left. */
    public List<Point> corners() {
        return List.of(topLeft, topRight, bottomRight, bottomLeft);
    }

    /** The length of the longer of the top and bottom edges. */
    public double width() {
        return Math.max(topLeft.distanceTo(topRight), bottomLeft.distanceTo(bottomRight));
    }

    /** The length of the longer of the left and right edges. */
    public double height() {
        return Math.max(topLeft.distanceTo(bottomLeft), topRight.distanceTo(bottomRight));
    }
}
