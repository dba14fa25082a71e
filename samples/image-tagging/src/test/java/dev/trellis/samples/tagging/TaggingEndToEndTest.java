package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.samples.tagging.TextImages.Style;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.OcrResult;
import dev.trellis.samples.tagging.tags.ImageStats;
import dev.trellis.samples.tagging.tags.Tagger;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From the bytes of an upload to its tags, with the real models: what the distributed pipeline does. */
class TaggingEndToEndTest {

    @Test
    void aPriceLabel() {
        Style style = Style.plain().withFont(Font.SANS_SERIF, Font.BOLD, 44).coloured(new Color(255, 220, 40),
                new Color(20, 40, 110));
        byte[] upload = TextImages.png(TextImages.render(style, "SALE 50% OFF", "Price $12.99",
                "Best before 2026-11-30", "www.example.com"));
        DecodedImage image = ImageDecoding.create().decode(upload, "image/png");
        OcrResult result = TestModels.pipeline().read(image);
        List<String> tags = Tagger.tag(result.recognized(), ImageStats.of(image.pixels()));
        assertEquals(List.of("has-text", "script:latin", "price", "percentage", "date", "url", "colour:yellow",
                "size:small", "orientation:landscape"), tags);
    }

    @Test
    void aPlainBlueSquare() {
        byte[] upload = TextImages.jpeg(TextImages.blank(256, 256, new Color(20, 40, 200)));
        DecodedImage image = ImageDecoding.create().decode(upload, "image/jpeg");
        List<String> tags = Tagger.tag(TestModels.pipeline().read(image).recognized(), ImageStats.of(image.pixels()));
        assertEquals(List.of("no-text", "colour:blue", "size:small", "orientation:square"), tags);
    }
}
