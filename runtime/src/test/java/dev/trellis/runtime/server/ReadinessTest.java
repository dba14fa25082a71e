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
 * {@code /-/healthz} is the application's readiness: up while every deployment serves with its minimum
 * replicas, 503 naming the deployment at fault while one is unhealthy.
 */
class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        }
    }
}
