package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.server.TrellisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hello sample, started as its README says but on port 0, called over real HTTP. */
class HelloSampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TrellisServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application("hello").port(0).build().start();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void helloCombinesTheAnswersOfTwoDeployments() throws Exception {
        HttpResponse<String> response = post("/hello", "{\"name\":\"Ada\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""));
        JsonNode reply = JSON.readTree(response.body());
        assertEquals("Hello, Ada! ADA!!!", reply.get("message").asText());
        assertEquals("Greeter", reply.get("parts").get(0).get("deployment").asText());
        assertEquals("Hello, Ada!", reply.get("parts").get(0).get("text").asText());
        assertEquals("Shouter", reply.get("parts").get(1).get("deployment").asText());
        assertEquals("ADA!!!", reply.get("parts").get(1).get("text").asText());
    }

    @Test
    void bodyThatIsNotJsonGets400AndTheServerKeepsServing() throws Exception {
        HttpResponse<String> bad = post("/hello", "this is not json");

        assertEquals(400, bad.statusCode());
        JsonNode error = JSON.readTree(bad.body());
        assertTrue(error.hasNonNull("message"), bad.body());
        assertFalse(bad.body().contains("at dev.trellis"), "no stack trace: " + bad.body());

        assertEquals(200, post("/hello", "{\"name\":\"Grace\"}").statusCode());
    }

    @Test
    void missingNameGets400WithTheIngressMessage() throws Exception {
        HttpResponse<String> response = post("/hello", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("message").asText().contains("'name' is required"),
                response.body());
    }

    @Test
    void getRouteUnderTheIngressPath() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/hello/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("\"ready\"", response.body());
    }

    @Test
    void aStreamingRouteAnswersOneJsonLinePerItem() throws Exception {
        HttpResponse<String> response = post("/hello/spell", "{\"name\":\"Ada\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("\"A\"\n\"D\"\n\"A\"\n", response.body());
    }

    @Test
    void aStreamingRouteAnswersServerSentEventsToAClientThatAsksForThem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/hello/spell"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bo\"}"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("data: \"B\"\n\ndata: \"O\"\n\n", response.body());
    }

    @Test
    void aStreamingRouteRefusesABadRequestBeforeStreaming() throws Exception {
        HttpResponse<String> response = post("/hello/spell", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("'name' is required"), response.body());
    }

    @Test
    void concurrentRequestsAllGetTheirOwnAnswer() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri("/hello"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"user" + i + "\"}"))
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).get();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("Hello, user" + i + "! USER" + i + "!!!",
                    JSON.readTree(response.body()).get("message").asText());
        }
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }
}
