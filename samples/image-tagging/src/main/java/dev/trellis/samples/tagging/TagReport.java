package dev.trellis.samples.tagging;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /tag}.
 *
 * @param width the image's width in pixels, upright
 * @param height its height
 * @param format the format it was uploaded in
 * @param texts the lines of text read, in reading order
 * @param tags what the image is about, by the business rules
 * @param timingsMillis how long each step took for this image, as seen by the ingress (queueing and
 *     batching included), and the total
 */
public record TagReport(int width, int height, String format, List<TextResult> texts, List<String> tags,
        Map<String, Double> timingsMillis) {}
