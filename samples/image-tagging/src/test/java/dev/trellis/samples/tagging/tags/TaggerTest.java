package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.samples.tagging.ocr.RecognizedText;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaggerTest {

    private static final ImageStats PLAIN = stats(800, 600, new ColourShare("white", 0.9f), new ColourShare("black", 0.1f));

    @Test
    void tagsComeInAFixedOrder() {
        List<String> tags = Tagger.tag(List.of(read("SALE 50% OFF"), read("Price $12.99 until 2026-11-30"),
                read("www.example.com info@example.com"), read("SKU AB-12345")), PLAIN);
        assertEquals(List.of("has-text", "script:latin", "price", "percentage", "date", "url", "email", "sku",
                "colour:white", "size:medium", "orientation:landscape"), tags);
    }

    @Test
    void noTextIsATagToo() {
        assertEquals(List.of("no-text", "colour:white", "size:medium", "orientation:landscape"),
                Tagger.tag(List.of(), PLAIN));
    }

    @Test
    void ignoresTextReadWithoutConfidence() {
        List<String> tags = Tagger.tag(List.of(new RecognizedText("$12.99", 0.3f), read("   ")), PLAIN);
        assertEquals("no-text", tags.get(0));
        assertFalse(tags.contains("price"), tags.toString());
    }

    @Test
    void eachTagNeedsItsOwnEvidence() {
        List<String> tags = Tagger.tag(List.of(read("HELLO 2026")), PLAIN);
        assertEquals(List.of("has-text", "script:latin", "colour:white", "size:medium", "orientation:landscape"), tags);
    }

    @Test
    void readsFullWidthFormsAsAscii() {
        List<String> tags = Tagger.tag(List.of(read("特价５０％")), PLAIN);
        assertTrue(tags.contains("percentage"), tags.toString());
        assertTrue(tags.contains("script:han"), tags.toString()); // two Han characters, then two digits: a tie
    }

    @Test
    void hanText() {
        assertTrue(Tagger.tag(List.of(read("欢迎光临本店 2026年11月30日")), PLAIN).containsAll(List.of("script:han", "date")));
    }

    @Test
    void colourTagsNeedAFifthOfTheImageAndStopAtThree() {
        ImageStats stats = stats(100, 100, new ColourShare("red", 0.3f), new ColourShare("blue", 0.25f),
                new ColourShare("green", 0.2f), new ColourShare("yellow", 0.2f), new ColourShare("white", 0.05f));
        List<String> tags = Tagger.tag(List.of(), stats);
        assertEquals(List.of("no-text", "colour:red", "colour:blue", "colour:green", "size:small", "orientation:square"),
                tags);
    }

    @Test
    void sizeClassesByPixelCount() {
        assertTrue(Tagger.tag(List.of(), stats(640, 468)).contains("size:small")); // 299,520
        assertTrue(Tagger.tag(List.of(), stats(640, 469)).contains("size:medium")); // 300,160
        assertTrue(Tagger.tag(List.of(), stats(1999, 1000)).contains("size:medium"));
        assertTrue(Tagger.tag(List.of(), stats(2000, 1000)).contains("size:large"));
    }

    @Test
    void orientationBySides() {
        assertTrue(Tagger.tag(List.of(), stats(1000, 951)).contains("orientation:square"));
        assertTrue(Tagger.tag(List.of(), stats(1000, 949)).contains("orientation:landscape"));
        assertTrue(Tagger.tag(List.of(), stats(949, 1000)).contains("orientation:portrait"));
    }

    private static RecognizedText read(String text) {
        return new RecognizedText(text, 0.95f);
    }

    private static ImageStats stats(int width, int height, ColourShare... colours) {
        return new ImageStats(width, height, List.of(colours));
    }
}
