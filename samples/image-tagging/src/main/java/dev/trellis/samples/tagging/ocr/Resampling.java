package dev.trellis.samples.tagging.ocr;

/**
 * Bilinear sampling of {@link RgbImage}s, with OpenCV's conventions ({@code cv2.resize}'s
 * {@code INTER_LINEAR}: pixel centres at half-integers, edges replicated), because the PaddleOCR models
 * were trained on images that OpenCV resized.
 */
final class Resampling {

    private Resampling() {}

    /** {@code image} scaled to {@code width × height}. */
    static RgbImage resize(RgbImage image, int width, int height) {
        if (width == image.width() && height == image.height()) {
            return image;
        }
        byte[] out = new byte[width * height * 3];
        double scaleX = (double) image.width() / width;
        double scaleY = (double) image.height() / height;
        float[] pixel = new float[3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            double sy = (y + 0.5) * scaleY - 0.5;
            for (int x = 0; x < width; x++) {
                sample(image, (x + 0.5) * scaleX - 0.5, sy, pixel);
                out[o++] = (byte) Math.round(pixel[0]);
                out[o++] = (byte) Math.round(pixel[1]);
                out[o++] = (byte) Math.round(pixel[2]);
            }
        }
        return new RgbImage(width, height, out);
    }

    /**
     * The colour at {@code (x, y)} in pixel coordinates (pixel {@code (i, j)}'s centre is at {@code (i, j)}),
     * interpolated between the four nearest pixels; outside the image, the nearest edge pixel's colour.
     */
    static void sample(RgbImage image, double x, double y, float[] rgbOut) {
        int w = image.width();
        int h = image.height();
        double cx = Math.clamp(x, 0, w - 1);
        double cy = Math.clamp(y, 0, h - 1);
        int x0 = (int) cx;
        int y0 = (int) cy;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        float fx = (float) (cx - x0);
        float fy = (float) (cy - y0);
        byte[] rgb = image.rgb();
        int a = (y0 * w + x0) * 3;
        int b = (y0 * w + x1) * 3;
        int c = (y1 * w + x0) * 3;
        int d = (y1 * w + x1) * 3;
        for (int ch = 0; ch < 3; ch++) {
            float top = (rgb[a + ch] & 0xFF) * (1 - fx) + (rgb[b + ch] & 0xFF) * fx;
            float bottom = (rgb[c + ch] & 0xFF) * (1 - fx) + (rgb[d + ch] & 0xFF) * fx;
            rgbOut[ch] = top * (1 - fy) + bottom * fy;
        }
    }
}
