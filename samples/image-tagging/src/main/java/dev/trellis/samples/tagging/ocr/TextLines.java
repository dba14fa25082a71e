package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * The last OCR step: the recognised boxes joined into the lines a reader sees. The detector often finds
 * the words of a line as separate boxes (it splits at wide gaps, more so in large type), so a price
 * "Price $12.99" or a date "Nov 30 2026" would otherwise reach the tagger in pieces. Boxes in reading
 * order join the line before them when they sit on it (their centre within half a box height of the
 * line's axis, which follows the line's slant) and start after its last box, at most 1.5 box heights
 * away. Boxes read with too little confidence, or read as nothing, are left out first.
 */
public final class TextLines {

    /** Text read with less confidence is dropped, as PaddleOCR's {@code drop_score} does. */
    public static final float MIN_CONFIDENCE = 0.5f;

    private static final double MAX_GAP_IN_HEIGHTS = 1.5;

    private TextLines() {}

    /**
     * The lines of the boxes, in reading order.
     *
     * @param boxes the boxes in reading order, as {@link DbPostprocessor} gives them
     * @param texts what was read in each box, in the same order
     */
    public static List<OcrLine> assemble(List<TextBox> boxes, List<RecognizedText> texts) {
        if (boxes.size() != texts.size()) {
            throw new IllegalArgumentException(boxes.size() + " boxes but " + texts.size() + " texts");
        }
        List<List<Integer>> lines = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            RecognizedText text = texts.get(i);
            if (text.confidence() < MIN_CONFIDENCE || text.text().isBlank()) {
                continue;
            }
            List<Integer> current = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (current != null && continues(boxes.get(current.get(current.size() - 1)), boxes.get(i))) {
                current.add(i);
            } else {
                List<Integer> line = new ArrayList<>();
                line.add(i);
                lines.add(line);
            }
        }
        List<OcrLine> assembled = new ArrayList<>(lines.size());
        for (List<Integer> line : lines) {
            assembled.add(join(line, boxes, texts));
        }
        return assembled;
    }

    /** Whether {@code next} continues the line whose last box is {@code last}. */
    private static boolean continues(TextBox last, TextBox next) {
        return LineGeometry.follows(last, next)
                && LineGeometry.gap(last, next) <= MAX_GAP_IN_HEIGHTS * Math.min(last.height(), next.height());
    }

    private static OcrLine join(List<Integer> line, List<TextBox> boxes, List<RecognizedText> texts) {
        StringBuilder text = new StringBuilder();
        double weightedConfidence = 0;
        int characters = 0;
        for (int i : line) {
            String part = texts.get(i).text().strip();
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(part);
            weightedConfidence += texts.get(i).confidence() * part.length();
            characters += part.length();
        }
        TextBox first = boxes.get(line.get(0));
        TextBox last = boxes.get(line.get(line.size() - 1));
        float score = 0;
        for (int i : line) {
            score += boxes.get(i).score() / line.size();
        }
        TextBox box = new TextBox(first.topLeft(), last.topRight(), last.bottomRight(), first.bottomLeft(), score);
        return new OcrLine(text.toString(), (float) (weightedConfidence / characters), box);
    }
}
