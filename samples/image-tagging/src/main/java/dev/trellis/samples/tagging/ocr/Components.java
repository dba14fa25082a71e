package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 8-connected regions of a binary mask, each reduced to the first and last pixel of every row it
 * spans: all that its convex hull needs, so a region costs memory in proportion to its height, not its
 * area. This stands in for OpenCV's {@code findContours} in PaddleOCR's DB post-processing; holes are
 * ignored, as a hole's contour would only yield a box inside the region's own.
 */
final class Components {

    /**
     * One region: for each row from {@code top}, the leftmost and rightmost column.
     *
     * @param top the first row
     * @param left the leftmost column of each row, {@code left[i]} for row {@code top + i}
     * @param right the rightmost column of each row
     * @param pixels how many pixels it has
     */
    record Region(int top, int[] left, int[] right, int pixels) {

        /** The extreme points of every row: a superset of the region's convex hull's vertices. */
        List<double[]> rowEnds() {
            List<double[]> points = new ArrayList<>(left.length * 2);
            for (int i = 0; i < left.length; i++) {
                points.add(new double[] {left[i], top + i});
                if (right[i] != left[i]) {
                    points.add(new double[] {right[i], top + i});
                }
            }
            return points;
        }
    }

    private Components() {}

    /** The regions of {@code mask} ({@code width × height}, row by row), at most {@code limit} of them. */
    static List<Region> find(boolean[] mask, int width, int height, int limit) {
        boolean[] seen = new boolean[mask.length];
        int[] rowLeft = new int[height];
        int[] rowRight = new int[height];
        Arrays.fill(rowLeft, Integer.MAX_VALUE);
        Arrays.fill(rowRight, -1);
        int[] stack = new int[64];
        List<Region> regions = new ArrayList<>();
        for (int start = 0; start < mask.length && regions.size() < limit; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            // Depth-first flood fill with an explicit stack: a large region would overflow the call stack.
            int top = start / width;
            int bottom = top;
            int pixels = 0;
            int size = 0;
            stack[size++] = start;
            seen[start] = true;
            while (size > 0) {
                int at = stack[--size];
                int x = at % width;
                int y = at / width;
                pixels++;
                rowLeft[y] = Math.min(rowLeft[y], x);
                rowRight[y] = Math.max(rowRight[y], x);
                bottom = Math.max(bottom, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int next = ny * width + nx;
                        if (nx < 0 || nx >= width || seen[next] || !mask[next]) {
                            continue;
                        }
                        seen[next] = true;
                        if (size == stack.length) {
                            stack = Arrays.copyOf(stack, size * 2);
                        }
                        stack[size++] = next;
                    }
                }
            }
            // The scan meets a region first at its top row, so rows top..bottom are exactly the ones it spans.
            int rows = bottom - top + 1;
            regions.add(new Region(top, Arrays.copyOfRange(rowLeft, top, top + rows),
                    Arrays.copyOfRange(rowRight, top, top + rows), pixels));
            Arrays.fill(rowLeft, top, bottom + 1, Integer.MAX_VALUE);
            Arrays.fill(rowRight, top, bottom + 1, -1);
        }
        return regions;
    }
}
