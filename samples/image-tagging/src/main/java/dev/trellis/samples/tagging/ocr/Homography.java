package dev.trellis.samples.tagging.ocr;

/**
 * The projective map that takes four points to four others ({@code cv2.getPerspectiveTransform}): the
 * eight unknowns of a 3×3 matrix with its last element 1, from eight linear equations.
 */
final class Homography {

    private final double[] h; // row-major, h[8] = 1

    private Homography(double[] h) {
        this.h = h;
    }

    /** The map with {@code from[i]} to {@code to[i]}, four {@code {x, y}} points each. */
    static Homography mapping(double[][] from, double[][] to) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double u = to[i][0];
            double v = to[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        double[] solution = solve(a);
        double[] h = new double[9];
        System.arraycopy(solution, 0, h, 0, 8);
        h[8] = 1;
        return new Homography(h);
    }

    /** Where {@code (x, y)} goes, written into {@code out}. */
    void apply(double x, double y, double[] out) {
        double w = h[6] * x + h[7] * y + h[8];
        out[0] = (h[0] * x + h[1] * y + h[2]) / w;
        out[1] = (h[3] * x + h[4] * y + h[5]) / w;
    }

    /** Gauss–Jordan elimination with partial pivoting on an 8×9 augmented matrix. */
    private static double[] solve(double[][] a) {
        int n = 8;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("The four points are degenerate (three on a line): no"
                        + " perspective map takes them to a rectangle");
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = a[row][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[row][k] -= factor * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }
}
