package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DbPostprocessorTest {

    private final DbPostprocessor postprocessor = DbPostprocessor.create();

    @Test
    void findsABoxGrowsItAndMapsItToTheImage() {
        float[] map = new float[100 * 60];
        fill(map, 100, 10, 20, 40, 10, 0.9f); // pixel centres x 10..49, y 20..29
        List<TextBox> boxes = postprocessor.boxes(new ProbabilityMap(200, 120, 100, 60, map));
        assertEquals(1, boxes.size());
        TextBox box = boxes.get(0);
        assertEquals(0.9f, box.score(), 1e-4);
        // The 39×9 rectangle grows by area × 2.0 / perimeter = 351 × 2 / 96 = 7.3125 on each side, and the
        // image is twice the map's size.
        double grow = 39 * 9 * 2.0 / 96;
        assertEquals((10 - grow) * 2, box.topLeft().x(), 1e-3);
        assertEquals((20 - grow) * 2, box.topLeft().y(), 1e-3);
        assertEquals((49 + grow) * 2, box.bottomRight().x(), 1e-3);
        assertEquals((29 + grow) * 2, box.bottomRight().y(), 1e-3);
    }

    @Test
    void dropsFaintThinAndTinyRegions() {
        float[] map = new float[100 * 60];
        fill(map, 100, 10, 5, 40, 10, 0.5f); // above the 0.3 cut, below the 0.6 box score
        fill(map, 100, 10, 30, 60, 2, 0.9f); // two pixels high
        fill(map, 100, 80, 40, 3, 3, 0.9f); // 3×3: a 2×2 rectangle of centres
        assertEquals(List.of(), postprocessor.boxes(new ProbabilityMap(100, 60, 100, 60, map)));
    }

    @Test
    void givesBoxesInReadingOrder() {
        float[] map = new float[200 * 100];
        fill(map, 200, 120, 12, 60, 10, 0.9f); // line 1, right word, 2 pixels higher
        fill(map, 200, 10, 14, 80, 10, 0.9f); // line 1, left word
        fill(map, 200, 10, 60, 80, 10, 0.9f); // line 2
        List<TextBox> boxes = postprocessor.boxes(new ProbabilityMap(200, 100, 200, 100, map));
        assertEquals(3, boxes.size());
        assertTrue(boxes.get(0).topLeft().x() < 20, boxes.toString());
        assertTrue(boxes.get(1).topLeft().x() > 100, boxes.toString());
        assertTrue(boxes.get(2).topLeft().y() > 40, boxes.toString());
    }

    @Test
    void wordsWhoseGrownBoxesOverlapAreCutApartInTheGap() {
        float[] map = new float[120 * 40];
        fill(map, 120, 10, 15, 40, 10, 0.9f); // pixel centres x 10..49
        fill(map, 120, 57, 15, 40, 10, 0.9f); // x 57..96: 7 pixels apart, each grows by 7.3
        List<TextBox> boxes = postprocessor.boxes(new ProbabilityMap(120, 40, 120, 40, map));
        assertEquals(2, boxes.size());
        assertEquals(53, boxes.get(0).topRight().x(), 1e-3); // halfway between 49 and 57
        assertEquals(53, boxes.get(1).topLeft().x(), 1e-3);
        assertEquals(53, boxes.get(1).bottomLeft().x(), 1e-3);
        assertEquals(10 - 39 * 9 * 2.0 / 96, boxes.get(0).topLeft().x(), 1e-3); // the outer sides stay
    }

    @Test
    void clipsBoxesToTheImage() {
        float[] map = new float[64 * 32];
        fill(map, 64, 0, 0, 64, 12, 0.95f);
        TextBox box = postprocessor.boxes(new ProbabilityMap(640, 320, 64, 32, map)).get(0);
        assertEquals(0, box.topLeft().x());
        assertEquals(0, box.topLeft().y());
        assertEquals(639, box.topRight().x());
    }

    private static void fill(float[] map, int width, int left, int top, int w, int h, float value) {
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                map[y * width + x] = value;
            }
        }
    }
}
