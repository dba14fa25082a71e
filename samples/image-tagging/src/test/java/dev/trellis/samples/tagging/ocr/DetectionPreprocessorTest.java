package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetectionPreprocessorTest {

    private final DetectionPreprocessor preprocessor = DetectionPreprocessor.create();

    @Test
    void keepsSmallImagesAtTheirSizeRoundedToMultiplesOf32() {
        assertArrayEquals(new long[] {1, 3, 32, 96}, shape(100, 30));
        assertArrayEquals(new long[] {1, 3, 480, 640}, shape(640, 480));
        assertArrayEquals(new long[] {1, 3, 32, 32}, shape(1, 1));
    }

    @Test
    void scalesTheLongerSideDownTo960() {
        assertArrayEquals(new long[] {1, 3, 480, 960}, shape(4000, 2000));
        assertArrayEquals(new long[] {1, 3, 960, 576}, shape(3000, 5000));
        assertArrayEquals(new long[] {1, 3, 960, 544}, shape(2900, 5000)); // 2900 × 0.192 = 556.8 → 544
        assertArrayEquals(new long[] {1, 3, 32, 960}, shape(10_000, 10)); // never below 32
    }

    @Test
    void keepsTheOriginalSizeToMapBoxesBack() {
        DetectionInput input = preprocessor.prepare(solid(4000, 2000, 0, 0, 0));
        assertEquals(4000, input.imageWidth());
        assertEquals(2000, input.imageHeight());
        assertEquals(960, input.inputWidth());
        assertEquals(480, input.inputHeight());
    }

    @Test
    void normalisesBgrPlanesWithImageNetStatistics() {
        DetectionInput input = preprocessor.prepare(solid(32, 32, 255, 0, 0)); // pure red
        float[] data = input.tensor().data();
        int plane = 32 * 32;
        assertEquals((0 - 0.485f) / 0.229f, data[0], 1e-5); // plane 0 is blue
        assertEquals((0 - 0.456f) / 0.224f, data[plane], 1e-5);
        assertEquals((1 - 0.406f) / 0.225f, data[2 * plane + 5], 1e-5); // plane 2 is red
    }

    private long[] shape(int width, int height) {
        return preprocessor.prepare(solid(width, height, 0, 0, 0)).tensor().shape();
    }

    static RgbImage solid(int width, int height, int r, int g, int b) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, rgb);
    }
}
