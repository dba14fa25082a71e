package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.server.TrellisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration switch: the same sample, served over HTTP, with every replica in its own process. */
class HelloHttpProcessesTest {

    @Test
    void theProcessesTopologyServesTheSameHttpAnswers() throws Exception {
        try (TrellisServer server = TrellisServer.builder().application("hello").port(0)
                .topology(Topology.PROCESSES).build().start()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/hello"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"message\":\"Hello, Ada! ADA!!!\""), response.body());
            assertEquals(Topology.PROCESSES, server.topology());

            // A stream relayed by the ingress's process from the shouter's, over gRPC server streaming.
            HttpResponse<String> letters = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/hello/spell"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, letters.statusCode(), letters.body());
            assertEquals("\"A\"\n\"D\"\n\"A\"\n", letters.body());
        }
    }
}
