package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotatedRectTest {

    @Test
    void theHullDropsInnerAndCollinearPoints() {
        List<double[]> points = List.of(new double[] {0, 0}, new double[] {2, 0}, new double[] {4, 0},
                new double[] {4, 4}, new double[] {0, 4}, new double[] {2, 2});
        assertEquals(4, RotatedRect.convexHull(points).size());
    }

    @Test
    void fitsAnAxisAlignedBlockExactly() {
        RotatedRect rect = RotatedRect.around(block(10, 20, 40, 10));
        assertEquals(29.5, rect.centerX(), 1e-9);
        assertEquals(24.5, rect.centerY(), 1e-9);
        assertEquals(39, rect.width(), 1e-9); // pixel centres 10..49
        assertEquals(9, rect.height(), 1e-9);
    }

    @Test
    void fitsATurnedRectangleAndNamesItsCornersInReadingOrder() {
        double angle = Math.toRadians(10);
        List<double[]> points = new ArrayList<>();
        for (int a = 0; a <= 100; a++) {
            for (int b = 0; b <= 20; b++) {
                points.add(new double[] {50 + a * Math.cos(angle) - b * Math.sin(angle),
                    50 + a * Math.sin(angle) + b * Math.cos(angle)});
            }
        }
        RotatedRect rect = RotatedRect.around(points);
        assertEquals(100, rect.width(), 1e-6);
        assertEquals(20, rect.height(), 1e-6);
        double[][] corners = rect.corners();
        assertEquals(50, corners[0][0], 1e-6); // top left
        assertEquals(50, corners[0][1], 1e-6);
        assertEquals(50 + 100 * Math.cos(angle), corners[1][0], 1e-6); // top right
        assertEquals(50 + 100 * Math.sin(angle), corners[1][1], 1e-6);
        assertEquals(50 - 20 * Math.sin(angle), corners[3][0], 1e-6); // bottom left
    }

    @Test
    void aTallRectangleKeepsItsHorizontalSideAsWidth() {
        RotatedRect rect = RotatedRect.around(block(0, 0, 10, 60));
        assertEquals(9, rect.width(), 1e-9);
        assertEquals(59, rect.height(), 1e-9);
        assertEquals(0, rect.corners()[0][0], 1e-9);
        assertEquals(0, rect.corners()[0][1], 1e-9);
    }

    @Test
    void growsOnEverySide() {
        RotatedRect grown = RotatedRect.around(block(10, 20, 40, 10)).grownBy(2);
        assertEquals(43, grown.width(), 1e-9);
        assertEquals(13, grown.height(), 1e-9);
        assertEquals(8, grown.corners()[0][0], 1e-9);
    }

    static List<double[]> block(int left, int top, int width, int height) {
        List<double[]> points = new ArrayList<>();
        for (int y = top; y < top + height; y++) {
            for (int x = left; x < left + width; x++) {
                points.add(new double[] {x, y});
            }
        }
        return points;
    }
}
