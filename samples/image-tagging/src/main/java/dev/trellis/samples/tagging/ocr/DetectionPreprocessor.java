package dev.trellis.samples.tagging.ocr;

/**
 * The first step of the pipeline: an image into what the text detector (PP-OCRv4 DB) runs on, the way
 * PaddleOCR prepares it ({@code DetResizeForTest} with {@code limit_type=max}, then {@code NormalizeImage}):
 * scaled down so the longer side is at most the limit, each side rounded to a multiple of 32 (the network
 * halves the image five times), the pixels divided by 255 and normalised with ImageNet's mean and
 * deviation, channel by channel in BGR order, as OpenCV decodes them for PaddleOCR.
 */
public final class DetectionPreprocessor {

    /** PaddleOCR's {@code det_limit_side_len}. */
    public static final int DEFAULT_LIMIT_SIDE = 960;

    // PaddleOCR's NormalizeImage values, applied to planes 0, 1, 2: blue, green, red.
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final int STRIDE = 32;

    private final int limitSide;

    private DetectionPreprocessor(int limitSide) {
        if (limitSide < STRIDE) {
            throw new IllegalArgumentException("The side limit must be at least " + STRIDE + ", was " + limitSide);
        }
        this.limitSide = limitSide;
    }

    /** With the longer side limited to {@value #DEFAULT_LIMIT_SIDE} pixels. */
    public static DetectionPreprocessor create() {
        return new DetectionPreprocessor(DEFAULT_LIMIT_SIDE);
    }

    /** With the longer side limited to {@code limitSide} pixels: larger finds smaller text, slower. */
    public static DetectionPreprocessor create(int limitSide) {
        return new DetectionPreprocessor(limitSide);
    }

    /** The detector's input for {@code image}. */
    public DetectionInput prepare(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double ratio = Math.max(w, h) > limitSide ? (double) limitSide / Math.max(w, h) : 1;
        int width = roundToStride((int) (w * ratio));
        int height = roundToStride((int) (h * ratio));
        RgbImage scaled = Resampling.resize(image, width, height);
        int plane = width * height;
        float[] chw = new float[3 * plane];
        byte[] rgb = scaled.rgb();
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                float value = (rgb[i * 3 + 2 - c] & 0xFF) / 255f; // plane c takes channel B, G, R
                chw[c * plane + i] = (value - MEAN[c]) / STD[c];
            }
        }
        return new DetectionInput(w, h, new FloatTensor(new long[] {1, 3, height, width}, chw));
    }

    private static int roundToStride(int side) {
        return Math.max(Math.round(side / (float) STRIDE) * STRIDE, STRIDE);
    }
}
