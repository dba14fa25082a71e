package dev.trellis.samples.tagging.ocr;

import dev.trellis.samples.tagging.AccuracySet;
import dev.trellis.samples.tagging.TestModels;
import dev.trellis.samples.tagging.TextImages;
import org.junit.jupiter.api.Test;

/** How much of {@link AccuracySet}'s images the monolith reads right. */
class OcrAccuracyTest {

    @Test
    void readsNearlyEveryCharacter() {
        AccuracySet.assertReadsNearlyEveryCharacter(sample -> TestModels.pipeline()
                .read(TextImages.rgb(TextImages.render(sample.style(), sample.lines()))).text());
    }
}
