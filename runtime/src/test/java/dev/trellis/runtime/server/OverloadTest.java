package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.HelloApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Five times the ingress's capacity at once: what is beyond its slots and its queue is refused at once
 * with back-pressure (503, JSON, outcome {@code back_pressure}), what was admitted is answered, nothing
 * else fails, and the application takes requests again as before once the load is gone.
 */
class OverloadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ONGOING = 2;
    private static final int QUEUED = 4;
    private static final int CAPACITY = ONGOING + QUEUED;

    @Test
    void fiveTimesTheCapacityIsRefusedBeyondItAndAdmittedRequestsAreAnswered() throws Exception {
        Gate gate = new Gate();
        // One ingress replica, two calls at once, four waiting: a capacity of six.
        TrellisServer server = TrellisServer.builder().application(new HelloApplication(
                new DeploymentSpec(1, ONGOING, QUEUED, new ResourceSpec(0.25, 0, 0)), gate)).host("127.0.0.1").port(0)
                .adminPort(-1).build().start();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 5 * CAPACITY; i++) {
                sent.add(http.sendAsync(hello(server, "wait"), HttpResponse.BodyHandlers.ofString()));
            }
            assertTrue(gate.awaitEntered(), "the admitted calls run, and wait at the gate");
            // Those beyond the capacity are refused while the admitted ones still wait.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (sent.stream().filter(CompletableFuture::isDone).count() < 5 * CAPACITY - CAPACITY) {
                assertTrue(System.nanoTime() < deadline, "the requests beyond the capacity were not refused");
                Thread.sleep(20);
            }
            gate.open();
            int answered = 0;
            int refused = 0;
            ObjectMapper json = new ObjectMapper();
            for (CompletableFuture<HttpResponse<String>> request : sent) {
                HttpResponse<String> response = request.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    answered++;
                } else {
                    assertEquals(503, response.statusCode(), "only back-pressure beyond the capacity: " + response.body());
                    assertEquals("Service Unavailable", json.readTree(response.body()).get("error").asText());
                    refused++;
                }
            }
            assertEquals(CAPACITY, answered, "every admitted request is answered");
            assertEquals(4 * CAPACITY, refused);

            // Recovered: the queue is empty and every request is answered again.
            for (int i = 0; i < 10; i++) {
                assertEquals(200, http.send(hello(server, "Ada"), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertEquals(0, server.running().orElseThrow().queuedCalls("HelloIngress"));
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + TrellisServer.OBSERVE_METRICS_PATH)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(4 * CAPACITY, TrellisServerTest.sum(metrics, "trellis_requests_total",
                    "outcome=\"back_pressure\""), metrics);
        } finally {
            server.stop();
        }
    }

    private static HttpRequest hello(TrellisServer server, String name) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/hello"))
                .header("Content-Type", "application/json").timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build();
    }
}
