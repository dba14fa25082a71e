package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.samples.tagging.TestModels;
import dev.trellis.samples.tagging.TextImages;
import dev.trellis.samples.tagging.TextImages.Style;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The whole OCR pipeline, on the real PaddleOCR models, reading text rendered with Java2D. */
class OcrPipelineTest {

    private static final List<String> SIGN = List.of("HELLO 2026", "Price $12.99", "SALE 50% OFF");

    /**
     * Styles the recogniser reads these lines in exactly. It is a Chinese model, and its weak spots show
     * in other styles: it reads O as 0 next to digits in a narrow (monospaced) O ("HELL0 2026",
     * "50% 0FF"), and drops spaces between small words; {@link OcrAccuracyTest} measures those.
     */
    static Stream<Style> styles() {
        Style plain = Style.plain();
        return Stream.of(
                plain,
                plain.withFont(Font.SERIF, Font.BOLD, 48).turned(3),
                plain.withFont(Font.SANS_SERIF, Font.PLAIN, 36).turned(-4),
                plain.withFont(Font.SANS_SERIF, Font.BOLD, 56).coloured(new Color(255, 220, 40), new Color(20, 40, 110)),
                plain.withFont(Font.SERIF, Font.PLAIN, 40).coloured(new Color(20, 40, 110), Color.WHITE).turned(-3),
                plain.withFont(Font.SANS_SERIF, Font.PLAIN, 64).turned(5).coloured(new Color(190, 20, 30), Color.WHITE));
    }

    @ParameterizedTest
    @MethodSource("styles")
    void readsCleanLatinLinesExactly(Style style) {
        OcrResult result = TestModels.pipeline().read(TextImages.rgb(TextImages.render(style, SIGN)));
        assertEquals(SIGN, result.lines().stream().map(OcrLine::text).toList());
        for (OcrLine line : result.lines()) {
            assertTrue(line.confidence() > 0.8f, line.toString());
        }
    }

    @Test
    void aBlankImageHasNoText() {
        assertEquals(List.of(), TestModels.pipeline().read(TextImages.rgb(TextImages.blank(640, 480, Color.WHITE))).lines());
        assertEquals(List.of(), TestModels.pipeline().read(TextImages.rgb(TextImages.blank(300, 900, Color.ORANGE))).lines());
    }

    @Test
    void theBoxSurroundsTheText() {
        BufferedImage image = TextImages.render(Style.plain(), "HELLO 2026");
        OcrResult result = TestModels.pipeline().read(TextImages.rgb(image));
        assertEquals(image.getWidth(), result.width());
        TextBox box = result.lines().get(0).box();
        // The text is drawn centred with a 40-pixel margin all round.
        assertEquals(40, box.topLeft().x(), 12);
        assertEquals(image.getWidth() - 40, box.topRight().x(), 12);
        assertTrue(box.topLeft().y() < image.getHeight() / 2.0 && box.bottomLeft().y() > image.getHeight() / 2.0,
                box.toString());
    }

    @Test
    void readsUpsideDownTextTheRightWayUp() {
        RgbImage upsideDown = ImageRotation.rotate180(TextImages.rgb(TextImages.render(
                Style.plain().withFont(Font.SANS_SERIF, Font.BOLD, 48), "Fresh Bread")));
        assertEquals("Fresh Bread", TestModels.pipeline().read(upsideDown).text());
    }

    @Test
    void readsWhatTheDecoderDecoded() {
        BufferedImage image = TextImages.render(Style.plain().withFont(Font.SERIF, Font.PLAIN, 44), "Made in Italy");
        ImageDecoding decoding = ImageDecoding.create();
        assertEquals("Made in Italy", TestModels.pipeline().read(decoding.decode(TextImages.png(image), "image/png")).text());
        assertEquals("Made in Italy", TestModels.pipeline().read(decoding.decode(TextImages.jpeg(image), "image/jpeg")).text());
    }

    @Test
    void theStepsComposeAsThePipelineDoes() {
        // The distributed pipeline runs these steps in separate deployments, with several images a batch.
        RgbImage first = TextImages.rgb(TextImages.render(Style.plain(), "EXIT 12"));
        RgbImage second = TextImages.rgb(TextImages.render(Style.plain().withFont(Font.SERIF, Font.BOLD, 60), "Welcome"));
        DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
        List<DetectionInput> inputs = List.of(preprocessor.prepare(first), preprocessor.prepare(second));
        FloatTensor maps = FloatTensor.of(TestModels.detector().run(DetectionBatch.stack(inputs).toTensor()));
        List<ProbabilityMap> split = DetectionBatch.split(maps, inputs);
        DbPostprocessor postprocessor = DbPostprocessor.create();
        assertEquals(List.of("EXIT 12"), readWithSteps(first, postprocessor.boxes(split.get(0))));
        assertEquals(List.of("Welcome"), readWithSteps(second, postprocessor.boxes(split.get(1))));
    }

    private static List<String> readWithSteps(RgbImage image, List<TextBox> boxes) {
        List<RgbImage> crops = TextCropper.crop(image, boxes);
        List<Orientation> orientations = OrientationClassification.read(FloatTensor.of(
                TestModels.classifier().run(OrientationClassification.prepare(crops).toTensor())));
        List<RgbImage> upright = OrientationClassification.upright(crops, orientations);
        List<RecognizedText> texts = TextRecognition.read(FloatTensor.of(
                TestModels.recognizer().run(TextRecognition.prepare(upright).toTensor())), TestModels.dictionary());
        return TextLines.assemble(boxes, texts).stream().map(OcrLine::text).toList();
    }
}
