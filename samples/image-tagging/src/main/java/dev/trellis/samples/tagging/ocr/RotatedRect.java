package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A rectangle at any angle: the smallest one around a set of points ({@code cv2.minAreaRect} in
 * PaddleOCR), found with rotating calipers over the points' convex hull: the smallest enclosing
 * rectangle has a side on one of the hull's edges.
 *
 * @param centerX the centre's column
 * @param centerY the centre's row
 * @param ux the unit direction of the side nearest the horizontal, pointing right ({@code ux > 0} or
 *     straight down)
 * @param uy see {@code ux}
 * @param width the length of the sides along {@code (ux, uy)}
 * @param height the length of the other two sides
 */
record RotatedRect(double centerX, double centerY, double ux, double uy, double width, double height) {

    /** The smallest rectangle that holds all {@code points} ({@code {x, y}} pairs). */
    static RotatedRect around(List<double[]> points) {
        List<double[]> hull = convexHull(points);
        if (hull.size() == 1) {
            return new RotatedRect(hull.get(0)[0], hull.get(0)[1], 1, 0, 0, 0);
        }
        RotatedRect best = null;
        double bestArea = Double.MAX_VALUE;
        for (int i = 0; i < hull.size(); i++) {
            double[] a = hull.get(i);
            double[] b = hull.get((i + 1) % hull.size());
            double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
            if (length == 0) {
                continue;
            }
            RotatedRect candidate = aligned(hull, (b[0] - a[0]) / length, (b[1] - a[1]) / length);
            double area = candidate.width * candidate.height;
            if (area < bestArea) {
                bestArea = area;
                best = candidate;
            }
        }
        return best;
    }

    /** The rectangle around {@code points} with sides along {@code (dx, dy)} and its normal. */
    private static RotatedRect aligned(List<double[]> points, double dx, double dy) {
        double minA = Double.MAX_VALUE;
        double maxA = -Double.MAX_VALUE;
        double minB = Double.MAX_VALUE;
        double maxB = -Double.MAX_VALUE;
        for (double[] p : points) {
            double a = p[0] * dx + p[1] * dy;
            double b = -p[0] * dy + p[1] * dx;
            minA = Math.min(minA, a);
            maxA = Math.max(maxA, a);
            minB = Math.min(minB, b);
            maxB = Math.max(maxB, b);
        }
        double midA = (minA + maxA) / 2;
        double midB = (minB + maxB) / 2;
        return of(midA * dx - midB * dy, midA * dy + midB * dx, dx, dy, maxA - minA, maxB - minB);
    }

    /** A rectangle with a side along {@code (dx, dy)}, named so that its width is the more horizontal side. */
    static RotatedRect of(double centerX, double centerY, double dx, double dy, double along, double across) {
        if (Math.abs(dx) >= Math.abs(dy)) {
            return dx >= 0 ? new RotatedRect(centerX, centerY, dx, dy, along, across)
                    : new RotatedRect(centerX, centerY, -dx, -dy, along, across);
        }
        // The normal (-dy, dx) is the more horizontal direction: the sides swap roles.
        double nx = -dy;
        double ny = dx;
        return nx >= 0 ? new RotatedRect(centerX, centerY, nx, ny, across, along)
                : new RotatedRect(centerX, centerY, -nx, -ny, across, along);
    }

    /** The same rectangle, {@code by} longer on every side (PaddleOCR's unclip of a rectangle). */
    RotatedRect grownBy(double by) {
        return new RotatedRect(centerX, centerY, ux, uy, width + 2 * by, height + 2 * by);
    }

    double shorterSide() {
        return Math.min(width, height);
    }

    /** The corners: top left, top right, bottom right, bottom left. */
    double[][] corners() {
        double hx = ux * width / 2;
        double hy = uy * width / 2;
        double vx = -uy * height / 2; // (−uy, ux) points down when ux > 0: y grows downwards
        double vy = ux * height / 2;
        return new double[][] {
            {centerX - hx - vx, centerY - hy - vy},
            {centerX + hx - vx, centerY + hy - vy},
            {centerX + hx + vx, centerY + hy + vy},
            {centerX - hx + vx, centerY - hy + vy},
        };
    }

    /** Whether {@code (x, y)} lies inside, or within {@code margin} of an edge. */
    boolean contains(double x, double y, double margin) {
        double dx = x - centerX;
        double dy = y - centerY;
        double along = dx * ux + dy * uy;
        double across = -dx * uy + dy * ux;
        return Math.abs(along) <= width / 2 + margin && Math.abs(across) <= height / 2 + margin;
    }

    /** Andrew's monotone chain; collinear points are dropped. */
    static List<double[]> convexHull(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        int n = sorted.size();
        if (n < 3) {
            return sorted;
        }
        double[][] hull = new double[2 * n][];
        int k = 0;
        for (double[] p : sorted) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            double[] p = sorted.get(i);
            while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        return new ArrayList<>(Arrays.asList(hull).subList(0, Math.max(1, k - 1)));
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
