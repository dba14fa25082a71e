package dev.trellis.samples.tagging;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import dev.trellis.samples.tagging.ocr.OcrLine;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextLines;
import dev.trellis.samples.tagging.tags.ImageStats;
import dev.trellis.samples.tagging.tags.Tagger;
import java.util.List;

/**
 * Step 6 (business logic): joins boxes and texts into lines, drops what was read without confidence, and
 * tags the image from its text (prices, dates, codes, script) and its pixels (colours, size, shape).
 */
@Deployment(resources = @Resources(cpus = 0.1, memoryMb = 128), maxOngoingRequests = 64)
public final class Tagging {

    @Idempotent
    public Tagged tag(List<TextBox> boxes, List<RecognizedText> texts, ImageStats stats) {
        if (boxes.size() != texts.size()) {
            throw new IllegalStateException(boxes.size() + " boxes but " + texts.size() + " texts");
        }
        List<OcrLine> lines = TextLines.assemble(boxes, texts);
        List<TextResult> results = lines.stream().map(TextResult::of).toList();
        List<RecognizedText> read = lines.stream().map(line -> new RecognizedText(line.text(), line.confidence()))
                .toList();
        return new Tagged(results, Tagger.tag(read, stats));
    }
}
