package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    @Test
    void joinsTheWordsOfALineAndKeepsLinesApart() {
        List<OcrLine> lines = TextLines.assemble(
                List.of(box(10, 10, 100, 40), box(120, 12, 200, 42), box(10, 60, 150, 90)),
                List.of(text("Price", 0.9f), text("$12.99", 0.8f), text("Best before", 1f)));
        assertEquals(2, lines.size());
        assertEquals("Price $12.99", lines.get(0).text());
        assertEquals((0.9f * 5 + 0.8f * 6) / 11, lines.get(0).confidence(), 1e-6);
        assertEquals(new Point(10, 10), lines.get(0).box().topLeft());
        assertEquals(new Point(200, 42), lines.get(0).box().bottomRight());
        assertEquals("Best before", lines.get(1).text());
    }

    @Test
    void followsASlantedLine() {
        // Two words on a line rising 10% to the right: the second's centre is 20 px above the first's.
        TextBox first = new TextBox(new Point(0, 100), new Point(100, 90), new Point(103, 120), new Point(3, 130), 1);
        TextBox second = new TextBox(new Point(120, 88), new Point(220, 78), new Point(223, 108), new Point(123, 118), 1);
        List<OcrLine> lines = TextLines.assemble(List.of(first, second), List.of(text("SALE", 1), text("TODAY", 1)));
        assertEquals(1, lines.size());
        assertEquals("SALE TODAY", lines.get(0).text());
    }

    @Test
    void keepsFarApartColumnsApart() {
        List<OcrLine> lines = TextLines.assemble(List.of(box(10, 10, 100, 40), box(400, 10, 500, 40)),
                List.of(text("Name", 1), text("Total", 1)));
        assertEquals(2, lines.size());
    }

    @Test
    void dropsTextReadWithoutConfidenceOrAsNothing() {
        List<OcrLine> lines = TextLines.assemble(
                List.of(box(10, 10, 100, 40), box(120, 10, 200, 40), box(220, 10, 300, 40)),
                List.of(text("noise", 0.3f), text(" ", 0.9f), text(" kept ", 0.9f)));
        assertEquals(1, lines.size());
        assertEquals("kept", lines.get(0).text());
    }

    private static TextBox box(float left, float top, float right, float bottom) {
        return new TextBox(new Point(left, top), new Point(right, top), new Point(right, bottom),
                new Point(left, bottom), 1);
    }

    private static RecognizedText text(String text, float confidence) {
        return new RecognizedText(text, confidence);
    }
}
