package dev.trellis.samples.tagging.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text read in an image.
 *
 * @param width the image's width
 * @param height the image's height
 * @param lines the lines, in reading order
 */
public record OcrResult(int width, int height, List<OcrLine> lines) {

    public OcrResult {
        lines = List.copyOf(lines);
    }

    /** The lines' texts, one a line. */
    public String text() {
        return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
    }

    /** The lines as the tagger takes them. */
    public List<RecognizedText> recognized() {
        return lines.stream().map(line -> new RecognizedText(line.text(), line.confidence())).toList();
    }
}
