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
 * through the admin API, then the rollback; then a canary of the Greeter (another greeting, so that each
 * answer tells which version wrote it) shifted 0 → 10 → 50 → 100% of the calls, and promoted. Counts every
 * failed request of each phase, how long each roll took (from the apply to the last old replica gone),
 * and, at each canary step, how far the share of answers the canary wrote is from its trafficPercent.
 * Writes {@code benchmarks/results/updates.json}; run it with {@code benchmarks/run-updates.sh}.
 */
public final class UpdatesBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "updates-benchmark-token-" + Long.toHexString(System.nanoTime());
    private static final int RATE = Integer.getInteger("bench.rate", 100);
    private static final int PHASE_SECONDS = Integer.getInteger("bench.phaseSeconds", 45);
    private static final Duration ROLL_TIMEOUT = Duration.ofSeconds(PHASE_SECONDS - 10);
    private static final int STEP_SECONDS = Integer.getInteger("bench.stepSeconds", 20);
    private static final int STEP_WARM_UP_SECONDS = 5; // the step is applied 1 s in: measuring starts after it
    private static final String CANARY_GREETING = "Hallo";

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
        // The canary runs beside the deployment: the node is declared with room for its two replicas (0.5 CPU each).
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-Dtrellis.topology=processes",
                "-Dtrellis.node=cpu:4,mem:8g",
                "-Dtrellis.port=" + port, "-Dtrellis.adminPort=" + adminPort, "-Dtrellis.adminToken=" + TOKEN,
                "-cp", classPath, "dev.trellis.runtime.server.TrellisMain", "hello");
        ResultsFile results = new ResultsFile();
        try (ServedSystem hello = ServedSystem.start("hello", command, Map.of(), root, work.resolve("hello.log"), port,
                new ServedSystem.Probe("/hello", "application/json", Files.readAllBytes(body)), Duration.ofMinutes(2))) {
            URI admin = URI.create("http://127.0.0.1:" + adminPort + "/admin/");
            Phase rolling = phase(hello, body, admin, "apply", Files.readString(rolled));
            Phase rollback = phase(hello, body, admin, "rollback", null);
            List<Step> steps = new java.util.ArrayList<>();
            for (int percent : new int[] {0, 10, 50, 100}) {
                steps.add(step(hello, body, admin, percent, canaryYaml(percent)));
            }
            steps.add(step(hello, body, admin, 100, """
                    applications:
                      - name: hello
                        deployments:
                          - name: Greeter
                            version: v3
                            config: { greeting: %s }
                    """.formatted(CANARY_GREETING))); // promoted: the canary's replicas serve every call
            double maxError = steps.stream().mapToDouble(Step::error).max().orElseThrow();
            results.put("rolling_update_failed_requests", rolling.failed())
                    .put("rollback_failed_requests", rollback.failed())
                    .put("rolling_update_seconds", rolling.seconds())
                    .put("rollback_seconds", rollback.seconds())
                    .put("canary_failed_requests", steps.stream().mapToLong(Step::failed).sum())
                    .put("canary_split_max_error", Math.round(maxError * 10_000) / 10_000.0)
                    .put("canary_steps", steps.stream().map(Step::describe).toList().toString())
                    .put("rolling_update_requests", rolling.answered())
                    .put("rollback_requests", rollback.answered())
                    .put("rolling_update_p99_ms", rolling.p99Millis())
                    .put("rollback_p99_ms", rollback.p99Millis())
                    .put("load", "open loop, " + RATE + " requests/s to POST /hello for " + PHASE_SECONDS
                            + " s a phase, the update applied 5 s in")
                    .put("update", "Greeter (2 replica processes) to version v2 and back: each replica replaced; then a"
                            + " canary of 2 replica processes (version v3, greeting " + CANARY_GREETING + ") at 0, 10, 50"
                            + " and 100% of the calls, " + STEP_SECONDS + " s measured each, and promoted")
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

    /** One canary step: the share of measured answers the canary wrote, against the share it was given. */
    private record Step(int percent, long answered, long failed, long measured, long fromCanary) {
        double share() {
            return measured == 0 ? 0 : (double) fromCanary / measured;
        }

        double error() {
            return Math.abs(share() - percent / 100.0);
        }

        String describe() {
            return String.format(Locale.ROOT, "%d%%: %.3f of %d answers, %d failed", percent, share(), measured, failed);
        }
    }

    private static String canaryYaml(int percent) {
        return """
                applications:
                  - name: hello
                    deployments:
                      - name: Greeter
                        canary: { version: v3, numReplicas: 2, trafficPercent: %d, config: { greeting: %s } }
                """.formatted(percent, CANARY_GREETING);
    }

    /**
     * Loads the application for one canary step: applies {@code yaml} 1 s in, waits until the status shows
     * the canary taking {@code percent} of the calls (or, promoted, gone), then measures which version
     * answers. The first step starts the canary's replicas, so its window may open before they run: at
     * nought percent that changes nothing.
     */
    private Step step(ServedSystem system, Path body, URI admin, int percent, String yaml) throws Exception {
        Process generator = generator(system, body, STEP_WARM_UP_SECONDS, STEP_SECONDS);
        Thread.sleep(1_000);
        String answer = post(admin, "apply", yaml);
        System.out.println("canary " + percent + "%: " + answer);
        long deadline = System.nanoTime() + ROLL_TIMEOUT.toNanos();
        while (!serving(admin, yaml.contains("canary") ? percent : -1)) {
            if (System.nanoTime() > deadline && percent > 0) {
                throw new IllegalStateException("The canary did not take " + percent + "% within " + ROLL_TIMEOUT);
            }
            Thread.sleep(50);
        }
        JsonNode measured = finish(generator);
        Step step = new Step(percent, measured.get("answered").asLong(), measured.get("failed").asLong(),
                measured.get("measured").asLong(), measured.get("containing").asLong());
        System.out.println("canary " + step.describe());
        return step;
    }

    /** Whether the Greeter's canary takes {@code percent} of its calls now; for -1, whether it has none left. */
    private static boolean serving(URI admin, int percent) throws Exception {
        JsonNode status = JSON.readTree(HTTP.send(HttpRequest.newBuilder(admin.resolve("status"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode deployment : status.path("deployments")) {
            if (deployment.path("name").asText().equals("Greeter")) {
                JsonNode canary = deployment.path("canary");
                return percent < 0 ? canary.isMissingNode() && deployment.path("health").asText().equals("HEALTHY")
                        : percent == 0 || canary.path("servingPercent").asDouble() == percent;
            }
        }
        return false;
    }

    private Process generator(ServedSystem system, Path body, int warmUpSeconds, int seconds) throws IOException {
        return new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath,
                LoadGenerator.class.getName(), "--url", "http://127.0.0.1:" + system.port() + "/hello", "--body",
                body.toString(), "--content-type", "application/json", "--rate", Integer.toString(RATE), "--warm-up",
                Integer.toString(warmUpSeconds), "--seconds", Integer.toString(seconds), "--count-containing",
                CANARY_GREETING + ", ").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static JsonNode finish(Process generator) throws Exception {
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (generator.waitFor() != 0) {
            throw new IllegalStateException("The load generator failed: " + output);
        }
        return JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    private static String post(URI admin, String action, String yaml) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(admin.resolve(action))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/yaml")
                .POST(yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    /**
     * Loads the application for one phase and, 5 s in, applies {@code yaml} (or rolls back when it is
     * null), then waits for the roll to end: every deployment healthy again and no replica of the previous
     * target left.
     */
    private Phase phase(ServedSystem system, Path body, URI admin, String action, String yaml) throws Exception {
        Process generator = generator(system, body, 1, PHASE_SECONDS);
        Thread.sleep(5_000);
        long started = System.nanoTime();
        System.out.println(action + ": " + post(admin, action, yaml));
        double seconds = awaitRolled(admin, started);
        System.out.printf(Locale.ROOT, "%s: rolled in %.1f s%n", action, seconds);
        JsonNode measured = finish(generator);
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
