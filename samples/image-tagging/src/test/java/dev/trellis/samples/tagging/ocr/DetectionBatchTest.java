package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionBatchTest {

    @Test
    void oneImageIsItsOwnBatch() {
        DetectionInput input = input(64, 32, 1);
        assertSame(input.tensor(), DetectionBatch.stack(List.of(input)));
    }

    @Test
    void padsImagesToTheLargestSizeWithZeros() {
        DetectionInput wide = input(64, 32, 1);
        DetectionInput tall = input(32, 96, 2);
        FloatTensor batch = DetectionBatch.stack(List.of(wide, tall));
        assertArrayEquals(new long[] {2, 3, 96, 64}, batch.shape());
        int plane = 96 * 64;
        assertEquals(1, batch.data()[0]); // wide, plane 0, (0, 0)
        assertEquals(1, batch.data()[31 * 64 + 63]); // its last pixel
        assertEquals(0, batch.data()[32 * 64]); // below it: padding
        assertEquals(2, batch.data()[3 * plane + 95 * 64 + 31]); // tall, plane 0, its last pixel
        assertEquals(0, batch.data()[3 * plane + 32]); // right of it: padding
    }

    @Test
    void splitsTheOutputIntoOneMapPerImageCutToItsSize() {
        DetectionInput wide = input(64, 32, 1);
        DetectionInput tall = input(32, 96, 2);
        float[] output = new float[2 * 96 * 64];
        for (int i = 0; i < output.length; i++) {
            output[i] = i;
        }
        List<ProbabilityMap> maps = DetectionBatch.split(new FloatTensor(new long[] {2, 1, 96, 64}, output),
                List.of(wide, tall));
        assertEquals(64, maps.get(0).width());
        assertEquals(32, maps.get(0).height());
        assertEquals(640, maps.get(0).imageWidth());
        assertEquals(64 + 3, maps.get(0).at(3, 1));
        assertEquals(32, maps.get(1).width());
        assertEquals(96 * 64 + 95 * 64 + 31, maps.get(1).at(31, 95));
    }

    private static DetectionInput input(int width, int height, float value) {
        float[] data = new float[3 * width * height];
        java.util.Arrays.fill(data, value);
        return new DetectionInput(width * 10, height * 10, new FloatTensor(new long[] {1, 3, height, width}, data));
    }
}
