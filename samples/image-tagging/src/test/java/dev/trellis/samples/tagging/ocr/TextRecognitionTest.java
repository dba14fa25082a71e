package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRecognitionTest {

    private static final CharacterDictionary ABC = CharacterDictionary.of(List.of("a", "b", "c"));
    private static final int BLANK = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int SPACE = 4;

    @Test
    void theDictionaryAddsTheBlankFirstAndTheSpaceLast() {
        assertEquals(5, ABC.classCount());
        assertEquals("", ABC.symbol(0));
        assertEquals("a", ABC.symbol(1));
        assertEquals(" ", ABC.symbol(4));
    }

    @Test
    void theBatchIsAsWideAsItsWidestLineAtHeight48() {
        RgbImage short_ = DetectionPreprocessorTest.solid(20, 10, 0, 0, 0); // 96 at height 48
        RgbImage long_ = DetectionPreprocessorTest.solid(200, 20, 0, 0, 0); // 480
        assertArrayEquals(new long[] {1, 3, 48, 320}, TextRecognition.prepare(List.of(short_)).shape());
        assertArrayEquals(new long[] {2, 3, 48, 480}, TextRecognition.prepare(List.of(short_, long_)).shape());
        RgbImage huge = DetectionPreprocessorTest.solid(5000, 10, 0, 0, 0);
        assertArrayEquals(new long[] {1, 3, 48, 3200}, TextRecognition.prepare(List.of(huge)).shape());
    }

    @Test
    void greedyCtcMergesRepeatsAndDropsBlanks() {
        // a a _ a b b ␣ b → "aa b"
        FloatTensor output = steps(new int[] {A, A, BLANK, A, B, B, SPACE, B}, 0.8f);
        RecognizedText text = TextRecognition.read(output, ABC).get(0);
        assertEquals("aab b", text.text());
        assertEquals(0.8f, text.confidence(), 1e-6);
    }

    @Test
    void onlyBlanksReadAsNothingWithNoConfidence() {
        assertEquals(new RecognizedText("", 0), TextRecognition.read(steps(new int[] {BLANK, BLANK}, 0.9f), ABC).get(0));
    }

    @Test
    void theConfidenceIsTheMeanOfTheCharactersKept() {
        float[] p = new float[3 * 5];
        p[A] = 0.9f;
        p[5] = 0.6f; // blank
        p[10 + B] = 0.5f;
        RecognizedText text = TextRecognition.read(new FloatTensor(new long[] {1, 3, 5}, p), ABC).get(0);
        assertEquals("ab", text.text());
        assertEquals(0.7f, text.confidence(), 1e-6);
    }

    @Test
    void aKeyFileOfAnotherModelIsNamedAsSuch() {
        FloatTensor output = new FloatTensor(new long[] {1, 1, 6625}, new float[6625]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextRecognition.read(output, ABC));
        assertEquals("The recogniser's output has 6625 classes, but its dictionary 5: the key file does not belong"
                + " to this model", e.getMessage());
    }

    /** One line whose most likely class at step t is {@code classes[t]}, with {@code probability}. */
    private static FloatTensor steps(int[] classes, float probability) {
        float[] p = new float[classes.length * ABC.classCount()];
        for (int t = 0; t < classes.length; t++) {
            for (int c = 0; c < ABC.classCount(); c++) {
                p[t * ABC.classCount() + c] = c == classes[t] ? probability : (1 - probability) / 4;
            }
        }
        return new FloatTensor(new long[] {1, classes.length, ABC.classCount()}, p);
    }
}
