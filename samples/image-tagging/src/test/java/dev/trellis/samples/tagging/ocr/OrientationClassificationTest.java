package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrientationClassificationTest {

    @Test
    void scalesCropsToHeight48AndPadsThemTo192() {
        RgbImage white = DetectionPreprocessorTest.solid(100, 50, 255, 255, 255); // 96 wide at height 48
        RgbImage long_ = DetectionPreprocessorTest.solid(1000, 50, 0, 0, 0); // squeezed to 192
        FloatTensor input = OrientationClassification.prepare(List.of(white, long_));
        assertArrayEquals(new long[] {2, 3, 48, 192}, input.shape());
        float[] data = input.data();
        assertEquals(1, data[95], 1e-6); // white is 1 after (x/255 − 0.5) / 0.5
        assertEquals(0, data[96]); // padding
        int plane = 48 * 192;
        assertEquals(-1, data[3 * plane + 191], 1e-6); // black is −1, to the last column
    }

    @Test
    void turnsOnlyLinesItIsSureAreUpsideDown() {
        FloatTensor output = new FloatTensor(new long[] {3, 2}, new float[] {0.05f, 0.95f, 0.15f, 0.85f, 0.99f, 0.01f});
        assertEquals(List.of(new Orientation(180, 0.95f), new Orientation(0, 0.15f), new Orientation(0, 0.99f)),
                OrientationClassification.read(output));
    }

    @Test
    void turnsTheCropsItWasToldTo() {
        RgbImage a = TextCropperTest.gradient(4, 2);
        RgbImage b = TextCropperTest.gradient(3, 3);
        List<RgbImage> upright = OrientationClassification.upright(List.of(a, b),
                List.of(new Orientation(0, 1), new Orientation(180, 1)));
        assertSame(a, upright.get(0));
        assertEquals(b.rgbAt(2, 2), upright.get(1).rgbAt(0, 0));
    }

    @Test
    void rejectsAnOutputOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrientationClassification.read(new FloatTensor(new long[] {1, 3}, new float[3])));
        assertEquals("The direction classifier's output is [n, 2] (0°, 180°), was FloatTensor[1, 3]", e.getMessage());
    }
}
