package dev.trellis.samples.tagging.ocr;

/**
 * Where one text box stands relative to the box before it on a line, measured along that box's slant:
 * whether it sits on the same line, and how far after it it starts.
 */
final class LineGeometry {

    private LineGeometry() {}

    /**
     * Whether {@code next} sits on the line of {@code last} (its centre within half the smaller height of
     * {@code last}'s axis) and starts after {@code last} starts.
     */
    static boolean follows(TextBox last, TextBox next) {
        double[] u = direction(last);
        if (u == null) {
            return false;
        }
        double height = Math.min(last.height(), next.height());
        double dx = centreX(next) - centreX(last);
        double dy = centreY(next) - centreY(last);
        double offLine = Math.abs(-dx * u[1] + dy * u[0]);
        double advance = (next.topLeft().x() - last.topLeft().x()) * u[0]
                + (next.topLeft().y() - last.topLeft().y()) * u[1];
        return offLine < height / 2 && advance > 0;
    }

    /** The distance from {@code last}'s end to {@code next}'s start along the line; negative when they overlap. */
    static double gap(TextBox last, TextBox next) {
        double[] u = direction(last);
        if (u == null) {
            return 0;
        }
        return (next.topLeft().x() - last.topRight().x()) * u[0] + (next.topLeft().y() - last.topRight().y()) * u[1];
    }

    /** The unit vector along the box's top edge, or null for a box with no width. */
    static double[] direction(TextBox box) {
        double ux = box.topRight().x() - box.topLeft().x();
        double uy = box.topRight().y() - box.topLeft().y();
        double length = Math.hypot(ux, uy);
        return length == 0 ? null : new double[] {ux / length, uy / length};
    }

    private static double centreX(TextBox box) {
        return (box.topLeft().x() + box.topRight().x() + box.bottomRight().x() + box.bottomLeft().x()) / 4.0;
    }

    private static double centreY(TextBox box) {
        return (box.topLeft().y() + box.topRight().y() + box.bottomRight().y() + box.bottomLeft().y()) / 4.0;
    }
}
