package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.testapp.HelloApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}, which {@code .ci/run} installs) scrapes a running
 * application's {@code /observe/metrics} and answers a query for its request counter; {@code promtool check
 * metrics} finds nothing wrong in the scrape. Skipped with a message where the two are missing, except
 * under {@code TRELLIS_PROMETHEUS_TEST=required} (CI), where it fails.
 */
class PrometheusScrapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void prometheusScrapesTheApplicationAndAnswersAQueryForItsRequests() throws Exception {
        Path prometheus = tool("prometheus");
        Path promtool = tool("promtool");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (TrellisServer server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1")
                .port(0).build().start()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/hello")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, hello.statusCode(), hello.body());
            }
            Path scrape = directory.resolve("scrape.txt");
            // The replicas' own series come with the controller's next poll of them (each second).
            String text = "";
            long polled = System.nanoTime() + DEADLINE.toNanos();
            while (!text.contains("trellis_replica_processing_seconds_bucket{") && System.nanoTime() < polled) {
                Thread.sleep(100);
                text = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + TrellisServer.OBSERVE_METRICS_PATH)).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(text.contains("trellis_replica_processing_seconds_bucket{"), text);
            Files.writeString(scrape, text);
            Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(scrape.toFile())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("promtool.txt").toFile()).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly().waitFor();
                fail("promtool did not finish in 30 s");
            }
            assertEquals(0, check.exitValue(), Files.readString(directory.resolve("promtool.txt")));

            int port = freePort();
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: { scrape_interval: 1s, evaluation_interval: 1s }
                    scrape_configs:
                      - job_name: trellis
                        metrics_path: %s
                        static_configs: [{ targets: ['127.0.0.1:%d'] }]
                    """.formatted(TrellisServer.OBSERVE_METRICS_PATH, server.port()));
            Process running = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
            try {
                JsonNode result = awaitSeries(client, port, "trellis_requests_total{outcome=\"ok\",method=\"POST\",route=\"/hello\"}",
                        running);
                assertEquals("hello", result.get("metric").get("application").asText(), result.toString());
                assertEquals("3", result.get("value").get(1).asText(), result.toString());
                JsonNode replicas = awaitSeries(client, port,
                        "sum(trellis_replica_calls_total{deployment=\"HelloIngress\",method=\"hello\",outcome=\"ok\"})", running);
                assertEquals("3", replicas.get("value").get(1).asText(), "each replica's calls, added up: " + replicas);
            } finally {
                running.destroy();
                if (!running.waitFor(20, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor(); // before the temporary folder goes
                }
            }
        }
    }

    /** The first series the query returns, once Prometheus has scraped it. */
    private JsonNode awaitSeries(HttpClient client, int port, String query, Process prometheus) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus stopped: " + Files.readString(directory.resolve("prometheus.log")));
            }
            try {
                last = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                JsonNode results = JSON.readTree(last).path("data").path("result");
                if (results.size() > 0) {
                    return results.get(0);
                }
            } catch (IOException notYet) {
                last = notYet.toString(); // not listening yet
            }
            Thread.sleep(250);
        }
        return fail("Prometheus had no " + query + " in " + DEADLINE + "; last answer: " + last + "\n"
                + Files.readString(directory.resolve("prometheus.log")));
    }

    private static Path tool(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = name + " is not on the PATH (Debian: apt-get install prometheus)";
        if ("required".equals(System.getenv("TRELLIS_PROMETHEUS_TEST"))) {
            fail(why);
        }
        Assumptions.abort(why);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
