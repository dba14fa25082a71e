package dev.trellis.samples.tagging.tags;

import dev.trellis.samples.tagging.ocr.RecognizedText;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The business end of the pipeline: tags for an image from the text read in it and the statistics of
 * its pixels. Tags come in a fixed order, each at most once:
 * <ol>
 *   <li>{@code has-text} or {@code no-text};
 *   <li>{@code script:<name>}, the writing system of most characters ({@code latin}, {@code han},
 *       {@code cyrillic}, {@code kana}, {@code digits}, …);
 *   <li>what the text mentions: {@code price}, {@code percentage}, {@code date}, {@code url}, {@code email},
 *       {@code sku} (a product code or a barcode number);
 *   <li>{@code colour:<name>} for each colour covering at least a fifth of the image, at most three,
 *       largest first;
 *   <li>{@code size:small} (under 0.3 megapixels), {@code size:medium} or {@code size:large} (2 megapixels
 *       or more);
 *   <li>{@code orientation:landscape}, {@code orientation:portrait} or {@code orientation:square} (sides
 *       within 5% of each other).
 * </ol>
 * Text read with a confidence under 0.5 is ignored, like PaddleOCR's results under its drop score.
 */
public final class Tagger {

    public static final float MIN_CONFIDENCE = 0.5f;
    public static final float MIN_COLOUR_SHARE = 0.2f;
    public static final int MAX_COLOURS = 3;
    public static final long SMALL_BELOW_PIXELS = 300_000;
    public static final long LARGE_FROM_PIXELS = 2_000_000;
    private static final double SQUARE_TOLERANCE = 0.05;

    private record ContentTag(String tag, Predicate<String> foundIn) {}

    private static final List<ContentTag> CONTENT = List.of(
            new ContentTag("price", TextPatterns::hasPrice),
            new ContentTag("percentage", TextPatterns::hasPercentage),
            new ContentTag("date", Dates::hasDate),
            new ContentTag("url", TextPatterns::hasUrl),
            new ContentTag("email", TextPatterns::hasEmail),
            new ContentTag("sku", Codes::hasCode));

    private Tagger() {}

    /**
     * The tags of an image.
     *
     * @param lines the text read in it, a line each (the patterns look within lines, not across them)
     * @param stats its pixels' statistics
     */
    public static List<String> tag(List<RecognizedText> lines, ImageStats stats) {
        List<String> texts = lines.stream()
                .filter(line -> line.confidence() >= MIN_CONFIDENCE && !line.text().isBlank())
                .map(line -> Normalizer.normalize(line.text(), Normalizer.Form.NFKC))
                .toList();
        List<String> tags = new ArrayList<>();
        tags.add(texts.isEmpty() ? "no-text" : "has-text");
        Scripts.majority(String.join(" ", texts)).ifPresent(script -> tags.add("script:" + script));
        for (ContentTag content : CONTENT) {
            if (texts.stream().anyMatch(content.foundIn())) {
                tags.add(content.tag());
            }
        }
        stats.colours().stream()
                .filter(share -> share.share() >= MIN_COLOUR_SHARE)
                .limit(MAX_COLOURS)
                .forEach(share -> tags.add("colour:" + share.colour()));
        tags.add("size:" + sizeClass((long) stats.width() * stats.height()));
        tags.add("orientation:" + orientation(stats.width(), stats.height()));
        return List.copyOf(tags);
    }

    private static String sizeClass(long pixels) {
        return pixels < SMALL_BELOW_PIXELS ? "small" : pixels < LARGE_FROM_PIXELS ? "medium" : "large";
    }

    private static String orientation(int width, int height) {
        if (Math.abs(width - height) <= SQUARE_TOLERANCE * Math.max(width, height)) {
            return "square";
        }
        return width > height ? "landscape" : "portrait";
    }
}
