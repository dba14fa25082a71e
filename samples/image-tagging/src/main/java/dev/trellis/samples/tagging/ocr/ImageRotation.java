package dev.trellis.samples.tagging.ocr;

/** Turns images by multiples of 90°. */
public final class ImageRotation {

    private ImageRotation() {}

    /** {@code image} upside down: what the direction classifier's 180° answer asks for. */
    public static RgbImage rotate180(RgbImage image) {
        byte[] source = image.rgb();
        byte[] out = new byte[source.length];
        int pixels = source.length / 3;
        for (int i = 0; i < pixels; i++) {
            int s = (pixels - 1 - i) * 3;
            out[i * 3] = source[s];
            out[i * 3 + 1] = source[s + 1];
            out[i * 3 + 2] = source[s + 2];
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** {@code image} turned a quarter anticlockwise ({@code np.rot90}): the top row becomes the left column. */
    public static RgbImage rotate90Anticlockwise(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] source = image.rgb();
        byte[] out = new byte[source.length];
        int o = 0;
        for (int y = 0; y < w; y++) { // output is h wide, w high
            for (int x = 0; x < h; x++) {
                int s = (x * w + (w - 1 - y)) * 3;
                out[o++] = source[s];
                out[o++] = source[s + 1];
                out[o++] = source[s + 2];
            }
        }
        return new RgbImage(h, w, out);
    }
}
