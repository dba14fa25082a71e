package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.samples.tagging.TextImages.Style;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image-tagging sample as the README starts it (on port 0): every step a deployment, called over real
 * HTTP with rendered images, broken uploads among them.
 */
class ImageTaggingServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TrellisServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application("image-tagging").port(0).build().start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aCleanLineIsReadExactlyWithItsBoxAndTimings() throws Exception {
        byte[] png = TextImages.png(TextImages.render(Style.plain(), "HELLO 2026"));

        JsonNode report = ok(post(png, "image/png"));

        assertEquals(1, report.get("texts").size(), report.toString());
        JsonNode line = report.get("texts").get(0);
        assertEquals("HELLO 2026", line.get("text").asText());
        assertTrue(line.get("confidence").asDouble() > 0.9, line.toString());
        assertEquals(4, line.get("box").size());
        assertEquals("png", report.get("format").asText());
        for (String step : List.of("preprocess", "detection", "crop", "direction", "recognition", "tagging", "total")) {
            assertTrue(report.get("timingsMillis").has(step), step + " in " + report.get("timingsMillis"));
        }
        assertTrue(tags(report).contains("has-text"), report.toString());
    }

    @Test
    void severalLinesOfALabelAreReadInOrderAndTagged() throws Exception {
        Style style = Style.plain().withFont(Font.SANS_SERIF, Font.BOLD, 44).coloured(new Color(255, 220, 40),
                new Color(20, 40, 110));
        byte[] jpeg = TextImages.jpeg(TextImages.render(style, "SALE 50% OFF", "Price $12.99"));

        JsonNode report = ok(post(jpeg, "image/jpeg"));

        assertEquals(List.of("SALE 50% OFF", "Price $12.99"), texts(report));
        assertTrue(tags(report).containsAll(List.of("has-text", "price", "percentage", "colour:yellow")),
                report.toString());
    }

    @Test
    void aFormUploadWorksLikeABody() throws Exception {
        byte[] png = TextImages.png(TextImages.render(Style.plain().turned(3), "Fresh Bread"));
        String boundary = "trellis-test-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"label.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        form.writeBytes(png);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

        JsonNode report = ok(post(form.toByteArray(), "multipart/form-data; boundary=" + boundary));

        assertEquals(List.of("Fresh Bread"), texts(report));
    }

    @Test
    void theServedPipelineReadsTheAccuracySetAsWellAsTheMonolith() {
        AccuracySet.assertReadsNearlyEveryCharacter(sample -> {
            try {
                byte[] png = TextImages.png(TextImages.render(sample.style(), sample.lines()));
                return String.join("\n", texts(ok(post(png, "image/png"))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void anImageWithoutTextHasNoTexts() throws Exception {
        JsonNode report = ok(post(TextImages.png(TextImages.blank(320, 240, new Color(20, 40, 200))), "image/png"));

        assertEquals(0, report.get("texts").size(), report.toString());
        assertTrue(tags(report).containsAll(List.of("no-text", "colour:blue")), report.toString());
    }

    @Test
    void brokenUploadsAre4xxWithAClearMessageAndTheServerKeepsServing() throws Exception {
        byte[] png = TextImages.png(TextImages.render(Style.plain(), "HELLO 2026"));
        List<byte[]> bodies = List.of(
                "this is not an image".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                Arrays.copyOf(png, png.length / 2),
                TextImages.pngWithoutPixels(10_000, 5_000)); // 50 megapixels
        for (byte[] body : bodies) {
            HttpResponse<String> response = post(body, "image/png");
            assertEquals(400, response.statusCode(), response.body());
            JsonNode error = JSON.readTree(response.body());
            assertFalse(error.get("message").asText().isBlank(), response.body());
            assertFalse(response.body().contains("at dev.trellis"), "no stack trace: " + response.body());
        }
        assertEquals(List.of("HELLO 2026"), texts(ok(post(png, "image/png"))));
    }

    @Test
    void concurrentUploadsEachGetTheirOwnText() throws Exception {
        List<String> words = List.of("Coffee", "Welcome", "EXIT 12", "STOP", "Gate B7", "Room 204");
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (String word : words) {
            byte[] png = TextImages.png(TextImages.render(Style.plain(), word));
            responses.add(client.sendAsync(request(png, "image/png"), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < words.size(); i++) {
            assertEquals(List.of(words.get(i)), texts(ok(responses.get(i).get())));
        }
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> texts(JsonNode report) {
        List<String> texts = new ArrayList<>();
        report.get("texts").forEach(line -> texts.add(line.get("text").asText()));
        return texts;
    }

    private static List<String> tags(JsonNode report) {
        List<String> tags = new ArrayList<>();
        report.get("tags").forEach(tag -> tags.add(tag.asText()));
        return tags;
    }

    private static HttpResponse<String> post(byte[] body, String contentType) throws Exception {
        return client.send(request(body, contentType), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/tag"))
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
