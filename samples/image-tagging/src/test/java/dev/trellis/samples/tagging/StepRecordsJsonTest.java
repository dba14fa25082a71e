package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.OcrLine;
import dev.trellis.samples.tagging.ocr.OcrResult;
import dev.trellis.samples.tagging.ocr.Orientation;
import dev.trellis.samples.tagging.ocr.Point;
import dev.trellis.samples.tagging.ocr.ProbabilityMap;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.tags.ColourShare;
import dev.trellis.samples.tagging.tags.ImageStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records that steps exchange cross a process boundary as JSON unchanged: only their components are
 * written (their helper methods, such as {@code TextBox.width()}, are not getters), and they read back.
 */
class StepRecordsJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void imagesAndTensors() throws Exception {
        DecodedImage image = new DecodedImage("png", new RgbImage(2, 1, new byte[] {1, 2, 3, (byte) 250, 5, 6}));
        DecodedImage imageBack = roundTrip(image, DecodedImage.class);
        assertArrayEquals(image.pixels().rgb(), imageBack.pixels().rgb());
        assertEquals("{\"format\":\"png\",\"pixels\":{\"width\":2,\"height\":1,\"rgb\":\"AQID+gUG\"}}",
                json.writeValueAsString(image));

        DetectionInput input = new DetectionInput(64, 32, new FloatTensor(new long[] {1, 3, 1, 1}, new float[] {1, 2, 3}));
        DetectionInput inputBack = roundTrip(input, DetectionInput.class);
        assertArrayEquals(input.tensor().shape(), inputBack.tensor().shape());
        assertArrayEquals(input.tensor().data(), inputBack.tensor().data());

        ProbabilityMap map = new ProbabilityMap(10, 10, 2, 1, new float[] {0.25f, 0.5f});
        assertArrayEquals(map.probabilities(), roundTrip(map, ProbabilityMap.class).probabilities());
    }

    @Test
    void boxesTextsAndResults() throws Exception {
        TextBox box = new TextBox(new Point(1, 2), new Point(30, 2), new Point(30, 12), new Point(1, 12), 0.9f);
        assertEquals(box, roundTrip(box, TextBox.class));
        assertEquals(new Orientation(180, 0.97f), roundTrip(new Orientation(180, 0.97f), Orientation.class));
        assertEquals(new RecognizedText("Price $12.99", 0.99f),
                roundTrip(new RecognizedText("Price $12.99", 0.99f), RecognizedText.class));
        OcrResult result = new OcrResult(100, 50, List.of(new OcrLine("HELLO", 0.98f, box)));
        assertEquals(result, roundTrip(result, OcrResult.class));
        ImageStats stats = new ImageStats(100, 50, List.of(new ColourShare("red", 0.75f)));
        assertEquals(stats, roundTrip(stats, ImageStats.class));
    }

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        return json.readValue(json.writeValueAsString(value), type);
    }
}
