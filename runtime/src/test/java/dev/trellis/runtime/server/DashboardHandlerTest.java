package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.onnx.BatchedOnnxTest;
import dev.trellis.runtime.testapp.HelloApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /dashboard}: the page and its files from the class path, and the JSON only it serves. */
class DashboardHandlerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TrellisServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0).build().start();
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        client.close();
    }

    @Test
    void thePageIsServedWithItsScriptsAndStylesFromThisServerOnly() throws Exception {
        HttpResponse<String> page = get("/dashboard");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/dashboard/dashboard.js\">"), page.body());
        assertTrue(page.body().contains("id=\"graph\""), page.body());
        assertFalse(page.body().contains("http://") || page.body().contains("https://"),
                "nothing is loaded from elsewhere: the page works offline");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'self'"));
        assertEquals(page.body(), get("/dashboard/").body());
        assertEquals(page.body(), get("/dashboard/index.html").body());
    }

    @Test
    void eachFileHasItsContentType() throws Exception {
        Map<String, String> types = Map.of(
                "/dashboard/dashboard.css", "text/css; charset=utf-8",
                "/dashboard/dashboard.js", "text/javascript; charset=utf-8",
                "/dashboard/graph.js", "text/javascript; charset=utf-8",
                "/dashboard/prometheus.js", "text/javascript; charset=utf-8");
        for (var entry : types.entrySet()) {
            HttpResponse<String> file = get(entry.getKey());
            assertEquals(200, file.statusCode(), entry.getKey());
            assertEquals(entry.getValue(), file.headers().firstValue("Content-Type").orElseThrow(), entry.getKey());
            assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertFalse(file.body().isBlank(), entry.getKey());
        }
        assertTrue(get("/dashboard/dashboard.js").body().contains("from './prometheus.js'"));
    }

    @Test
    void theJsonHasTheGraphWithItsHintsAndTheDeploymentYaml() throws Exception {
        HttpResponse<String> response = get(DashboardHandler.DATA_PATH);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("hello", body.get("application").asText());
        assertEquals("HelloIngress", body.get("ingress").asText());
        assertEquals("local", body.get("topology").asText());
        assertEquals(List.of("Greeter", "Shouter", "HelloIngress"), names(body.get("deployments")));

        JsonNode greeter = body.get("deployments").get(0);
        assertFalse(greeter.get("ingress").asBoolean());
        assertEquals(2, greeter.get("scaling").get("replicas").asInt());
        assertEquals(0.25, greeter.get("resources").get("cpus").asDouble());
        assertEquals(0, greeter.get("resources").get("gpus").asDouble());
        assertEquals(5, greeter.get("maxOngoingRequests").asInt());
        assertEquals(-1, greeter.get("maxQueuedRequests").asInt());
        JsonNode ingress = body.get("deployments").get(2);
        assertTrue(ingress.get("ingress").asBoolean());
        assertEquals(JSON.readTree("[\"Greeter\",\"Shouter\"]"), ingress.get("dependencies"));

        assertEquals(JSON.readTree("[{\"from\":\"HelloIngress\",\"to\":\"Greeter\"},{\"from\":\"HelloIngress\",\"to\":\"Shouter\"}]"),
                body.get("edges"));
        assertEquals(JSON.readTree("{\"method\":\"POST\",\"path\":\"/hello\",\"calls\":\"hello\"}"), body.get("routes").get(0));
        assertEquals(server.running().orElseThrow().target().toDeploymentYaml(), body.get("deploymentYaml").asText(),
                "the YAML of the target the application runs towards, as trellis:build writes it");
    }

    @Test
    void anErrorAnswerOfARouteIsAmongTheRecentErrorsWithWhatTheClientWasTold() throws Exception {
        long before = JSON.readTree(get(DashboardHandler.DATA_PATH).body()).get("errors").get("total").asLong();
        HttpResponse<String> refused = client.send(request("/hello").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());

        JsonNode errors = JSON.readTree(get(DashboardHandler.DATA_PATH).body()).get("errors");

        assertEquals(before + 1, errors.get("total").asLong());
        JsonNode newest = errors.get("recent").get(0);
        assertEquals("POST /hello", newest.get("route").asText());
        assertEquals(400, newest.get("status").asInt());
        assertEquals(JSON.readTree(refused.body()).get("message").asText(), newest.get("message").asText());
        assertFalse(newest.get("time").asText().isEmpty());
    }

    @Test
    void anUnknownFileIsAJson404ThatNamesWhatThereIs() throws Exception {
        for (String path : List.of("/dashboard/missing.js", "/dashboard/dev/trellis/runtime/dashboard/index.html",
                "/dashboard/graph.js/more", "/dashboard/%2e%2e/TrellisServer.class")) {
            HttpResponse<String> response = get(path);

            assertEquals(404, response.statusCode(), path + ": " + response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            JsonNode error = JSON.readTree(response.body());
            assertEquals("Not Found", error.get("error").asText());
            assertTrue(error.get("message").asText().contains("/dashboard"), response.body());
        }
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> response = client.send(request("/dashboard").POST(HttpRequest.BodyPublishers.noBody())
                .build(), BodyHandlers.ofString());

        assertEquals(405, response.statusCode(), response.body());
        assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void batchedMethodsCarryHowTheyBatch() throws Exception {
        Map<String, Object> body = DashboardModel.render(ApplicationTarget.of(BatchedOnnxTest.graph()), "local",
                new RecentErrors(1, Clock.systemUTC()));

        JsonNode classifier = JSON.readTree(JSON.writeValueAsString(body)).get("deployments").get(0);
        assertEquals(JSON.readTree("{\"name\":\"classify\",\"batch\":{\"maxSize\":8,\"maxWaitMillis\":20,"
                + "\"maxConcurrentBatches\":1}}"), classifier.get("methods").get(0));
    }

    private static List<String> names(JsonNode deployments) {
        List<String> names = new ArrayList<>();
        deployments.forEach(node -> names.add(node.get("name").asText()));
        return names;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(TIMEOUT);
    }
}
