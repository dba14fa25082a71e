package dev.trellis.codegen.showcase;

import java.util.List;
import java.util.Optional;

/** A sealed interface of records: a message with a oneof. */
public sealed interface Shape permits Shape.Circle, Shape.Polygon {

    /** A circle. */
    record Circle(Point center, double radius) implements Shape {}

    /** A polygon with an optional label. */
    record Polygon(List<Point> points, Optional<String> label) implements Shape {}
}
