package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code /-/healthz} and Helidon's {@code /observe/health/ready} are the application's readiness: up while
 * every deployment serves with its minimum replicas, 503 naming the deployment at fault while one is
 * unhealthy; {@code /observe/health/live} stays up, since replacing the replicas is the controller's work.
 */
class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aServingApplicationIsReadyAndLiveAtObserveHealth() throws Exception {
        DeploymentNode<Object> node = new DeploymentNode<>("Steady", new DeploymentSpec(2, 5, -1,
                new ResourceSpec(0.5, 0, 0)), List.of(), context -> new Object(), (target, method, args) -> "ok",
                LocalOnlyWire.INSTANCE);
        HttpClient client = HttpClient.newHttpClient();
        try (TrellisServer server = TrellisServer.builder().application(new TestGraph(List.of(node)))
                .host("127.0.0.1").port(0).node(NodeResources.unlimited()).build().start()) {
            HttpResponse<String> health = client.send(get(server, TrellisServer.OBSERVE_HEALTH_PATH),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode(), health.body());
            JsonNode body = JSON.readTree(health.body());
            assertEquals("UP", body.get("status").asText(), health.body());
            JsonNode readiness = check(body, "trellis-deployments");
            assertEquals("2 of at least 2 replicas run", readiness.get("data").get("Steady").asText(), health.body());
            assertEquals("UP", check(body, "trellis-controller").get("status").asText(), health.body());
        }
    }

    private static HttpRequest get(TrellisServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    @Test
    void aDeploymentWhoseReplicasTurnUnhealthyMakesTheApplicationNotReady() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Dispatcher<Object> dispatcher = new Dispatcher<>() {
            @Override
            public Object dispatch(Object target, int method, Object[] args) {
                return "ok";
            }

            @Override
            public boolean checkHealth(Object target) {
                return checks.incrementAndGet() == 1; // the first check lets it start; none after it passes
            }
        };
        DeploymentNode<Object> node = new DeploymentNode<>("Flaky", new DeploymentSpec(1, 5, -1,
                new ResourceSpec(0.5, 0, 0), HealthSpec.ofMillis(20, 200)), List.of(), context -> new Object(),
                dispatcher, LocalOnlyWire.INSTANCE);
        HttpClient client = HttpClient.newHttpClient();
        try (TrellisServer server = TrellisServer.builder().application(new TestGraph(List.of(node)))
                .host("127.0.0.1").port(0).node(NodeResources.unlimited()).build().start()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + TrellisServer.HEALTH_PATH)).build();
            HttpResponse<String> answer = client.send(health, HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (answer.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                answer = client.send(health, HttpResponse.BodyHandlers.ofString());
            }

            assertEquals(503, answer.statusCode(), answer.body());
            JsonNode body = JSON.readTree(answer.body());
            assertEquals("UNHEALTHY", body.get("status").asText());
            assertEquals("test", body.get("application").asText());
            String problem = body.get("deployments").get("Flaky").asText();
            assertTrue(problem.contains("replica Flaky-") && problem.contains("health check"), answer.body());

            HttpResponse<String> ready = client.send(get(server, TrellisServer.OBSERVE_HEALTH_PATH + "/ready"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode readiness = check(JSON.readTree(ready.body()), "trellis-deployments");
            assertEquals("DOWN", readiness.get("status").asText(), ready.body());
            assertTrue(readiness.get("data").get("Flaky").asText().contains("health check"), ready.body());
            HttpResponse<String> live = client.send(get(server, TrellisServer.OBSERVE_HEALTH_PATH + "/live"),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode(), live.body());
            assertEquals("RUNNING", check(JSON.readTree(live.body()), "trellis-controller").get("data").get("state")
                    .asText(), live.body());
        }
    }
}
