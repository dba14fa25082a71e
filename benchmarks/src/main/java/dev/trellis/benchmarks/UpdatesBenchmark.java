package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Updates under load in the {@code processes} topology: the hello sample served by {@code TrellisMain} in
 * a JVM of its own, an open loop of requests from a {@link LoadGenerator} in another, and, while it runs,
 * a rolling update of the Greeter (a new version: its two replica processes replaced, new before old)
 * through the admin API, then the rollback. Counts every failed request of each phase and how long each
 * roll took, from the apply to the last old replica gone. Writes {@code benchmarks/results/updates.json};
 * run it with {@code benchmarks/run-updates.sh}.
 */
public final class UpdatesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "updates-benchmark-token-" + Long.toHexString(System.nanoTime());
    private static final int RATE = Integer.getInteger("bench.rate", 100);
    private static final int PHASE_SECONDS = Integer.getInteger("bench.phaseSeconds", 45);
    private static final Duration ROLL_TIMEOUT = Duration.ofSeconds(PHASE_SECONDS - 10);

    private final Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
    private final Path work = root.resolve("benchmarks/target/updates");
    private final String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home")
            + "/bin/java");
    private final String classPath = System.getProperty("java.class.path");

    private UpdatesBenchmark() {}

    public static void main(String[] args) throws Exception {
        new UpdatesBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        int port = freePort();
        int adminPort = freePort();
        Path body = Files.writeString(work.resolve("hello.json"), "{\"name\":\"Ada\"}");
        Path rolled = Files.writeString(work.resolve("greeter-v2.yaml"), """
                applications:
                  - name: hello
                    deployments:
                      - name: Greeter
                        version: v2
                """);
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-Dtrellis.topology=processes",
                "-Dtrellis.port=" + port, "-Dtrellis.adminPort=" + adminPort, "-Dtrellis.adminToken=" + TOKEN,
                "-cp", classPath, "dev.trellis.runtime.server.TrellisMain", "hello");
        ResultsFile results = new ResultsFile();
        try (ServedSystem hello = ServedSystem.start("hello", command, Map.of(), root, work.resolve("hello.log"), port,
                new ServedSystem.Probe("/hello", "application/json", Files.readAllBytes(body)), Duration.ofMinutes(2))) {
            URI admin = URI.create("http://127.0.0.1:" + adminPort + "/admin/");
            Phase rolling = phase(hello, body, admin, "apply", Files.readString(rolled));
            Phase rollback = phase(hello, body, admin, "rollback", null);
            results.put("rolling_update_failed_requests", rolling.failed())
                    .put("rollback_failed_requests", rollback.failed())
                    .put("rolling_update_seconds", rolling.seconds())
                    .put("rollback_seconds", rollback.seconds())
                    .put("canary_failed_requests", "not measured: canary traffic splits are not built yet")
                    .put("canary_split_max_error", "not measured: canary traffic splits are not built yet")
                    .put("rolling_update_requests", rolling.answered())
                    .put("rollback_requests", rollback.answered())
                    .put("rolling_update_p99_ms", rolling.p99Millis())
                    .put("rollback_p99_ms", rollback.p99Millis())
                    .put("load", "open loop, " + RATE + " requests/s to POST /hello for " + PHASE_SECONDS
                            + " s a phase, the update applied 5 s in")
                    .put("update", "Greeter (2 replica processes) to version v2 and back: each replica replaced")
                    .put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                            + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.runtime.version"));
        }
        results.put("command", System.getProperty("bench.command", "benchmarks/run-updates.sh"))
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        Path file = Path.of(System.getProperty("bench.results", root.resolve("benchmarks/results/updates.json").toString()));
        results.write(file);
        System.out.println("== Results (" + file + ") ==");
        System.out.print(results.toJson());
    }

    private record Phase(long answered, long failed, double seconds, double p99Millis) {}

    /**
     * Loads the application for one phase and, 5 s in, applies {@code yaml} (or rolls back when it is
     * null), then waits for the roll to end: every deployment healthy again and no replica of the previous
     * target left.
     */
    private Phase phase(ServedSystem system, Path body, URI admin, String action, String yaml) throws Exception {
        Process generator = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath,
                LoadGenerator.class.getName(), "--url", "http://127.0.0.1:" + system.port() + "/hello", "--body",
                body.toString(), "--content-type", "application/json", "--rate", Integer.toString(RATE), "--warm-up", "1",
                "--seconds", Integer.toString(PHASE_SECONDS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread.sleep(5_000);
        long started = System.nanoTime();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(admin.resolve(action))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .POST(yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            generator.destroy();
            throw new IllegalStateException(action + " answered " + answer.statusCode() + ": " + answer.body());
        }
        System.out.println(action + ": " + answer.body());
        double seconds = awaitRolled(admin, started);
        System.out.printf(Locale.ROOT, "%s: rolled in %.1f s%n", action, seconds);
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (generator.waitFor() != 0) {
            throw new IllegalStateException("The load generator failed: " + output);
        }
        JsonNode measured = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
        System.out.println(action + " load: " + measured);
        return new Phase(measured.get("answered").asLong(), measured.get("failed").asLong(), seconds,
                measured.get("p99_ms").asDouble());
    }

    /** Seconds from {@code started} until the status shows the Greeter healthy with only replicas of its new target. */
    private static double awaitRolled(URI admin, long started) throws Exception {
        long deadline = started + ROLL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(admin.resolve("status"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode deployment : status.path("deployments")) {
                if (deployment.path("name").asText().equals("Greeter") && deployment.path("health").asText().equals("HEALTHY")
                        && deployment.path("replicas").size() == deployment.path("decision").path("replicas").asInt()) {
                    return (System.nanoTime() - started) / 1e9;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The roll did not end within " + ROLL_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
