package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.server.TrellisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In the processes topology each replica process counts its own calls and latencies and reports them
 * over the control protocol; the controller's one scrape serves them, labelled with the replica.
 */
class ReplicaMetricsProcessesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theControllersScrapeHasTheReplicaProcessesFigures() throws Exception {
        TrellisServer server = TrellisServer.builder().application(new HealthApplication()).host("127.0.0.1").port(0)
                .adminPort(-1).topology(Topology.PROCESSES).replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1"))
                .build().start();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            TrellisApplication app = server.running().orElseThrow();
            for (int i = 0; i < 4; i++) {
                assertEquals("pong:" + i, app.ingress().call(HealthApplication.PING, new Object[] {"" + i}).join());
            }
            String replica = "replica=\"Pinger-0\"";

            // A scrape may run beside the poll that updates the meters: wait until every figure has come.
            String text = scrapeUntil(client, server, scrape -> sum(scrape, "trellis_replica_calls_total", replica,
                    "method=\"ping\"", "outcome=\"ok\"") == 4
                    && sum(scrape, "trellis_replica_processing_seconds_count", replica) == 4
                    && sum(scrape, "trellis_replica_queue_wait_seconds_bucket", replica, "le=\"+Inf\"") == 4);

            assertEquals(4, sum(text, "trellis_replica_processing_seconds_count", replica, "application=\"health-test\""));
            assertEquals(4, sum(text, "trellis_replica_queue_wait_seconds_bucket", replica, "le=\"+Inf\""));
            assertTrue(sum(text, "trellis_replica_processing_seconds_sum", replica) > 0, text);
            assertTrue(text.contains("trellis_replica_ongoing_calls{"), text);
        } finally {
            server.stop();
        }
    }

    private static String scrapeUntil(HttpClient client, TrellisServer server, java.util.function.Predicate<String> done)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String text = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + TrellisServer.OBSERVE_METRICS_PATH)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            if (done.test(text)) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scrape never had the replica's calls:\n" + text);
            }
            Thread.sleep(100);
        }
    }

    private static double sum(String text, String name, String... labels) {
        return text.lines().filter(line -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
