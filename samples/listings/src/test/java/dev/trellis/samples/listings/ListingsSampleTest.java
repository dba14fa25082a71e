package dev.trellis.samples.listings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.server.TrellisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The listings sample on port 0: configuration defaults from the manifest reach the deployments. */
class ListingsSampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TrellisServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application("listings").port(0).build().start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void cleanListingIsApproved() throws Exception {
        JsonNode report = check("{\"title\":\"Oak desk\",\"description\":\"Solid wood\",\"priceCents\":12000}", 200);

        assertEquals("APPROVE", report.get("decision").asText());
        assertEquals(12000, report.get("price").get("priceCents").asLong());
        assertEquals(0.0, report.get("text").get("score").asDouble());
    }

    @Test
    void spamIsRejectedAtTheDefaultThreshold() throws Exception {
        JsonNode report = check("{\"title\":\"FREE CASH WINNER\",\"description\":\"click now\",\"priceCents\":500}",
                200);

        assertEquals("REJECT", report.get("decision").asText());
        assertEquals(4, report.get("text").get("flagged").size());
    }

    @Test
    void priceBelowTheDefaultMinimumNeedsReview() throws Exception {
        JsonNode report = check("{\"title\":\"Pencil\",\"description\":\"\",\"priceCents\":99}", 200);

        assertEquals("REVIEW", report.get("decision").asText());
        assertEquals("below 100 cents", report.get("price").get("reason").asText());
    }

    @Test
    void listingWithoutTitleGets400() throws Exception {
        JsonNode error = check("{\"priceCents\":5}", 400);

        assertTrue(error.get("message").asText().contains("'title'"), error.toString());
    }

    private static JsonNode check(String body, int expectedStatus) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/listings/check"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
