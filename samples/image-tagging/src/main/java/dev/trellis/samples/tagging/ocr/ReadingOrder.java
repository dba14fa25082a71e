package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts text boxes in reading order: top to bottom, and left to right within a line. Boxes are sorted by
 * their top left corner, then neighbours whose tops are about level swap when out of order
 * (PaddleOCR's {@code sorted_boxes}). "About level" is within 10 pixels, as in PaddleOCR, or half the
 * smaller box's height when that is more, so that the words of one slightly tilted line of large text
 * stay in order.
 */
final class ReadingOrder {

    private static final double MIN_TOLERANCE = 10;

    private ReadingOrder() {}

    static List<TextBox> sort(List<TextBox> boxes) {
        List<TextBox> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.<TextBox>comparingDouble(box -> box.topLeft().y())
                .thenComparingDouble(box -> box.topLeft().x()));
        for (int i = 0; i < sorted.size() - 1; i++) {
            for (int j = i; j >= 0; j--) {
                TextBox upper = sorted.get(j);
                TextBox lower = sorted.get(j + 1);
                if (sameLine(upper, lower) && lower.topLeft().x() < upper.topLeft().x()) {
                    sorted.set(j, lower);
                    sorted.set(j + 1, upper);
                } else {
                    break;
                }
            }
        }
        return sorted;
    }

    private static boolean sameLine(TextBox a, TextBox b) {
        double tolerance = Math.max(MIN_TOLERANCE, Math.min(a.height(), b.height()) / 2);
        return Math.abs(a.topLeft().y() - b.topLeft().y()) < tolerance;
    }
}
