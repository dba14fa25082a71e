package dev.trellis.samples.tagging.ocr;

import java.util.List;

/**
 * Text-line crops into the batched input of the direction classifier or the recogniser, which PaddleOCR
 * prepares alike ({@code resize_norm_img}): each crop scaled to the model's height keeping its aspect
 * ratio (squeezed only where it would be wider than the batch), normalised to {@code [-1, 1]}, BGR planes,
 * and padded at the right with zeros up to the batch's width.
 */
final class LineTensors {

    private LineTensors() {}

    /** Float {@code [crops, 3, height, width]}. */
    static FloatTensor of(List<RgbImage> crops, int height, int width) {
        int plane = height * width;
        float[] data = new float[Math.multiplyExact(crops.size() * 3, plane)];
        for (int n = 0; n < crops.size(); n++) {
            RgbImage crop = crops.get(n);
            int scaledWidth = (int) Math.min(width, scaledWidth(crop, height));
            RgbImage scaled = Resampling.resize(crop, scaledWidth, height);
            byte[] rgb = scaled.rgb();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < scaledWidth; x++) {
                    int s = (y * scaledWidth + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        float value = (rgb[s + 2 - c] & 0xFF) / 255f; // plane c takes channel B, G, R
                        data[(n * 3 + c) * plane + y * width + x] = (value - 0.5f) / 0.5f;
                    }
                }
            }
        }
        return new FloatTensor(new long[] {crops.size(), 3, height, width}, data);
    }

    /** How wide {@code crop} is at {@code height} with its aspect ratio kept, at least 1. */
    static long scaledWidth(RgbImage crop, int height) {
        return Math.max(1, (long) Math.ceil(height * (double) crop.width() / crop.height()));
    }
}
