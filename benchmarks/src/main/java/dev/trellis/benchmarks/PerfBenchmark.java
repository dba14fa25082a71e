package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.topology.process.ProcessBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Every comparison of {@code docs/benchmarks.md} in one run ({@code benchmarks/run-perf.sh}), written to
 * {@code benchmarks/results/perf.json} with each round's values in {@code perf-rounds.csv}. Every system
 * under test is a process of its own started from the command a user would run, every load comes from a
 * process of its own ({@link LoadGenerator}, wrk), and the systems of one comparison take turns, round
 * after round in a rotating order, so that the machine's noise falls on all of them.
 *
 * <p>One aggregation rule everywhere: a system's figure is the median of its rounds; a ratio is the
 * median of the rounds' ratios (each round's two figures measured minutes apart at most). CPU per
 * request is the CPU time of the system's whole process tree during the round over the answers.
 */
public final class PerfBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int ROUND_SECONDS = Integer.getInteger("bench.roundSeconds", 20);
    private static final int ROUND_WARM_UP_SECONDS = 4;
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmUpSeconds", 30);
    /**
     * The pipeline's warm-up, for every system alike: the {@code processes} topology runs nine JVMs whose
     * C2 compilers, sharing two cores with the load, are still busy two minutes in (measured: the
     * ingress replica's from 61 to 19 ms of CPU per second between the first and the third half-minute
     * of load). Servers run for hours; the rounds measure them warm, and cold starts are reported apart.
     */
    private static final int PIPELINE_WARM_UP_SECONDS = Integer.getInteger("bench.pipelineWarmUpSeconds", 90);
    private static final int WRK_SECONDS = Integer.getInteger("bench.wrkSeconds", 10);
    private static final int WRK_CONNECTIONS = 8;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String HELLO_BODY = "{\"name\":\"Ada\"}";
    private static final List<String> ALL_SECTIONS = List.of("pipeline", "model", "hello", "ingress", "hop", "batching");
    private static final String C1_ONLY = "--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final String NOOP_BODY = "{\"name\":\"Ada\",\"count\":1}";

    private final Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
    private final Path work = root.resolve("benchmarks/target/perf");
    private final Path images = work.resolve("images");
    private final String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home")
            + "/bin/java");
    private final String classPath = System.getProperty("java.class.path");
    private final String models = System.getProperty("trellis.ocr.models");
    private final String replicaOptions = System.getProperty("bench.childJvmOptions",
            String.join(" ", ProcessBackend.DEFAULT_JAVA_OPTIONS));
    private final ResultsFile results = new ResultsFile();
    /** Every round of every system, as {@code <comparison>/<system>}: the one aggregation rule's input. */
    private final Rounds rounds = new Rounds(List.of("throughput_per_s", "p50_ms", "p99_ms", "p99_over_p50",
            "cpu_ms_per_request", "failed", "misread"));
    private final Map<String, Double> coldStarts = new LinkedHashMap<>(); // by <comparison>/<system>
    private final Map<String, List<String>> systemsMeasured = new LinkedHashMap<>(); // by comparison

    private PerfBenchmark() {}

    public static void main(String[] args) throws Exception {
        new PerfBenchmark().run();
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        PerfImages.write(images);
        // -Dbench.sections=pipeline,hello to try a change on some parts only; the results file is then partial.
        List<String> sections = List.of(System.getProperty("bench.sections", String.join(",", ALL_SECTIONS))
                .split(","));
        if (sections.contains("pipeline")) {
            pipeline();
        }
        double modelBound = sections.contains("model") ? modelBound() : Double.NaN;
        if (sections.contains("hello")) {
            wrkComparison("hello", List.of(trellis("trellis_local", "hello", "local"),
                    trellis("trellis_processes", "hello", "processes"), ray("hello")), "/hello", HELLO_BODY);
        }
        if (sections.contains("ingress")) {
            wrkComparison("ingress", List.of(trellis("trellis_local", "bench-noop", "local"),
                    plainJvm("raw_helidon", RawJsonServer.class.getName())), "/noop", NOOP_BODY);
        }
        Map<Integer, JsonNode> hops = sections.contains("hop") ? hops(List.of(100, 64 * 1024, 4 * 1024 * 1024))
                : Map.of();
        JsonNode batching = sections.contains("batching") ? batching() : JSON.createObjectNode();

        figure("processes_vs_local_pipeline_throughput_ratio", () -> ratio("pipeline", "trellis_processes", "trellis_local", "throughput_per_s"));
        figure("processes_vs_fair_microservices_throughput_ratio", () -> ratio("pipeline", "trellis_processes", "microservices", "throughput_per_s"));
        figure("local_vs_monolith_throughput_ratio", () -> ratio("pipeline", "trellis_local", "monolith", "throughput_per_s"));
        figure("vs_ray_serve_pipeline_throughput_ratio", () -> ratio("pipeline", "trellis_processes", "ray", "throughput_per_s"));
        figure("vs_ray_serve_pipeline_p99_ratio", () -> ratio("pipeline", "trellis_processes", "ray", "p99_ms"));
        figure("local_pipeline_vs_model_bound", () -> rounds.median("pipeline/trellis_local", "throughput_per_s") / modelBound);
        figure("vs_ray_serve_hello_throughput_ratio", () -> ratio("hello", "trellis_processes", "ray", "throughput_per_s"));
        figure("ingress_vs_raw_helidon_throughput_ratio", () -> ratio("ingress", "trellis_local", "raw_helidon", "throughput_per_s"));
        figure("hello_local_p99_over_p50", () -> rounds.median("hello/trellis_local", "p99_over_p50"));
        figure("hop_4mb_vs_raw_grpc_p50_ratio", () -> hops.get(4 * 1024 * 1024).get("hop_p50_ratio").asDouble());
        figure("batched_vs_raw_ort_same_cores_ratio", () -> batching.path("batched_vs_raw_ort_same_cores_ratio").asDouble(Double.NaN));
        figure("cold_start_hello_local_seconds", () -> coldStart("hello", "trellis_local"));
        figure("cold_start_tagging_processes_seconds", () -> coldStart("pipeline", "trellis_processes"));
        figure("ray_cold_start_seconds", () -> coldStart("pipeline", "ray"));
        figure("ray_cold_start_hello_seconds", () -> coldStart("hello", "ray"));
        figure("cold_start_tagging_local_seconds", () -> coldStart("pipeline", "trellis_local"));
        figure("cold_start_hello_processes_seconds", () -> coldStart("hello", "trellis_processes"));
        figure("processes_vs_processes_c1_only_pipeline_throughput_ratio", () -> ratio("pipeline", "trellis_processes", "trellis_processes_c1", "throughput_per_s"));
        figure("model_bound_images_per_s", () -> modelBound);
        systemsMeasured.keySet().forEach(this::figures);
        hops.forEach((size, hop) -> results.put("hop_" + size + "b_trellis_p50_us", hop.get("trellis_p50_us").asDouble())
                .put("hop_" + size + "b_raw_p50_us", hop.get("raw_p50_us").asDouble())
                .put("hop_" + size + "b_p50_ratio", hop.get("hop_p50_ratio").asDouble()));
        results.put("pipeline_clients", CLIENTS)
                .put("rounds", ROUNDS)
                .put("pipeline_seconds_per_round", ROUND_SECONDS)
                .put("pipeline_warm_up_seconds", PIPELINE_WARM_UP_SECONDS)
                .put("warm_up_seconds", WARM_UP_SECONDS)
                .put("wrk_seconds_per_round", WRK_SECONDS)
                .put("wrk_connections", WRK_CONNECTIONS)
                .put("replica_jvm_options", replicaOptions)
                .put("pipeline_replicas", "TextDetector 2, TextRecognizer 2, every other step 1, in every system")
                .put("aggregation", "figures: median of rounds; ratios: median of per-round ratios")
                .put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                        + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.runtime.version"))
                .put("command", "benchmarks/run-perf.sh")
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        // A run of some sections only writes files of its own: perf.json always holds one whole run.
        String name = sections.size() == ALL_SECTIONS.size() ? "perf" : "perf-" + String.join("-", sections);
        Path resultsFile = root.resolve("benchmarks/results/" + name + ".json");
        results.write(resultsFile);
        rounds.writeCsv(root.resolve("benchmarks/results/" + name + "-rounds.csv"));
        System.out.println("== Results (" + resultsFile + ") ==");
        System.out.print(results.toJson());
    }

    /** The image-tagging pipeline, every way it is served, under the same closed loop of clients. */
    private void pipeline() throws Exception {
        List<Launch> launches = new ArrayList<>(List.of(trellis("trellis_local", "image-tagging", "local"),
                trellis("trellis_processes", "image-tagging", "processes"), plainJvm("monolith", "dev.trellis.benchmarks.MonolithMain"),
                plainJvm("microservices", "dev.trellis.benchmarks.FairMicroservices"), ray("tagging"),
                // The replica JVM options Trellis had before they were measured: C1 only, for a fast start.
                // Measured only when asked for (-Dbench.pipelineSystems=...,trellis_processes_c1), to keep
                // the whole run near 30 minutes.
                trellis("trellis_processes_c1", "image-tagging", "processes", C1_ONLY)));
        List<String> only = List.of(System.getProperty("bench.pipelineSystems",
                "trellis_local,trellis_processes,monolith,microservices,ray").split(","));
        launches.removeIf(launch -> !only.contains(launch.name()));
        ServedSystem.Probe probe = new ServedSystem.Probe("/tag", "image/png",
                Files.readAllBytes(images.resolve("label-1.png")));
        compare("pipeline", launches, probe, system -> loaded(load(system, PIPELINE_WARM_UP_SECONDS, 0)),
                system -> loaded(load(system, ROUND_SECONDS, ROUND_WARM_UP_SECONDS)));
    }

    /** What a {@link LoadGenerator} measured, with the first wrong answer printed. */
    private static Measured loaded(JsonNode measured) {
        if (!measured.get("first_problem").asText().isEmpty()) {
            System.out.println("  first problem: " + measured.get("first_problem").asText());
        }
        return new Measured(measured.get("throughput_per_s").asDouble(), measured.get("p50_ms").asDouble(),
                measured.get("p99_ms").asDouble(), measured.get("answered").asLong(), measured.get("failed").asLong(),
                measured.get("misread").asLong());
    }

    /** One load of {@code system} by a {@link LoadGenerator} process; its line of JSON. */
    private JsonNode load(ServedSystem system, int seconds, int warmUpSeconds) throws IOException, InterruptedException {
        Process generator = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath,
                LoadGenerator.class.getName(), "--url", "http://127.0.0.1:" + system.port() + "/tag", "--images",
                images.toString(), "--clients", Integer.toString(CLIENTS), "--warm-up", Integer.toString(warmUpSeconds),
                "--seconds", Integer.toString(seconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (generator.waitFor() != 0) {
            throw new IllegalStateException("The load generator failed: " + output);
        }
        return JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    /** The systems of one comparison, loaded by wrk in turns. */
    private void wrkComparison(String comparison, List<Launch> launches, String path, String body) throws Exception {
        ServedSystem.Probe probe = new ServedSystem.Probe(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        Path script = root.resolve("benchmarks/wrk/post-json.lua");
        compare(comparison, launches, probe,
                system -> wrk(WrkRun.run(script, url(system, path), body, 1, WRK_CONNECTIONS, WARM_UP_SECONDS)),
                system -> wrk(WrkRun.run(script, url(system, path), body, 1, WRK_CONNECTIONS, WRK_SECONDS)));
    }

    private static Measured wrk(WrkRun run) {
        return new Measured(run.requestsPerSecond(), run.p50Millis(), run.p99Millis(), run.requests(), run.failed(), 0);
    }

    /**
     * One comparison: starts its systems one at a time (each cold start on a quiet machine), warms each
     * up, then loads each in turn, round after round in a rotating order, counting the CPU of its process
     * tree during each round.
     */
    private void compare(String comparison, List<Launch> launches, ServedSystem.Probe probe, SystemLoad warmUp, SystemLoad round)
            throws Exception {
        List<ServedSystem> systems = new ArrayList<>();
        try {
            for (Launch launch : launches) {
                ServedSystem system = startOrSkip(launch, probe);
                if (system != null) {
                    systems.add(system);
                    coldStarts.put(comparison + "/" + system.name(), system.coldStartSeconds());
                    System.out.printf(Locale.ROOT, "%s: %s answered %.1f s after it was started%n", comparison,
                            system.name(), system.coldStartSeconds());
                }
            }
            systemsMeasured.put(comparison, systems.stream().map(ServedSystem::name).toList());
            for (ServedSystem system : systems) { // JIT, ONNX Runtime and pools, not recorded
                System.out.printf("%s warm-up %s: %s%n", comparison, system.name(), warmUp.run(system));
            }
            for (int turn = 0; turn < ROUNDS; turn++) {
                List<ServedSystem> order = new ArrayList<>(systems);
                Collections.rotate(order, -turn);
                for (ServedSystem system : order) {
                    double cpuBefore = system.cpuSeconds();
                    Measured measured = round.run(system);
                    double cpu = system.cpuSeconds() - cpuBefore;
                    record(comparison, system.name(), turn, measured,
                            measured.requests() == 0 ? 0 : cpu * 1000 / measured.requests());
                }
            }
        } finally {
            systems.forEach(ServedSystem::close);
        }
    }

    /** The system started, or null when it could not be: the run goes on, and its figures say "not measured". */
    private static ServedSystem startOrSkip(Launch launch, ServedSystem.Probe probe)
            throws IOException, InterruptedException {
        try {
            return launch.start(probe);
        } catch (IllegalStateException e) {
            System.out.println("SKIPPED " + launch.name() + ": " + e.getMessage());
            return null;
        }
    }

    private static String url(ServedSystem system, String path) {
        return "http://127.0.0.1:" + system.port() + path;
    }

    /** The models' own limit on these cores, in images per second ({@link ModelBound}). */
    private double modelBound() throws IOException, InterruptedException {
        JsonNode bound = jvmJson(List.of("-Xmx2g", "-Dtrellis.ocr.models=" + models), ModelBound.class,
                List.of(images.toString(), "20"));
        System.out.println("model bound: " + bound);
        return bound.get("images_per_s").asDouble();
    }

    /** One hop at each payload size ({@link HopBenchmark} without its JMH part), its results by size. */
    private Map<Integer, JsonNode> hops(List<Integer> sizes) throws IOException, InterruptedException {
        Map<Integer, JsonNode> hops = new LinkedHashMap<>();
        for (int size : sizes) {
            Path file = work.resolve("hop-" + size + ".json");
            int calls = size >= 1 << 20 ? 100 : 1000;
            runJvm(List.of("-Xmx2g", "-Dbench.jmh=false", "-Dbench.payloadBytes=" + size, "-Dbench.rounds=" + ROUNDS,
                    "-Dbench.warmUpCalls=" + calls / 2, "-Dbench.measuredCalls=" + calls, "-Dbench.results=" + file,
                    "-Dbench.childJvmOptions=" + replicaOptions), HopBenchmark.class, List.of());
            hops.put(size, JSON.readTree(file.toFile()));
            System.out.printf(Locale.ROOT, "hop %d bytes: trellis p50 %.0f us, raw grpc-java p50 %.0f us%n", size,
                    hops.get(size).get("trellis_p50_us").asDouble(), hops.get(size).get("raw_p50_us").asDouble());
        }
        return hops;
    }

    /**
     * The batching benchmark's results ({@link BatchingBenchmark}, both sides on the same cores), from a run
     * of its own inside this one; {@code run-batching.sh} writes the committed {@code batching.json}.
     */
    private JsonNode batching() throws IOException, InterruptedException {
        Path file = work.resolve("batching.json");
        runJvm(List.of("-Xmx1g", "-Dbench.results=" + file, "-Dbench.command=benchmarks/run-perf.sh"),
                BatchingBenchmark.class, List.of());
        return JSON.readTree(file.toFile());
    }

    private JsonNode jvmJson(List<String> options, Class<?> main, List<String> arguments)
            throws IOException, InterruptedException {
        String output = runJvm(options, main, arguments).strip();
        return JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    private String runJvm(List<String> options, Class<?> main, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true"));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(main.getSimpleName() + " failed: " + output);
        }
        return output;
    }

    /** A Trellis application served by {@code TrellisMain}, as a user starts it. */
    private Launch trellis(String name, String application, String topology) {
        return trellis(name, application, topology, replicaOptions);
    }

    private Launch trellis(String name, String application, String topology, String replicaOptions) {
        return launch(name, probe -> {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx2g",
                    "-Djava.awt.headless=true", "-Dtrellis.ocr.models=" + models, "-Dtrellis.topology=" + topology,
                    "-Dtrellis.port=" + port, "-Dtrellis.replicaJavaOptions=" + replicaOptions, "-cp", classPath,
                    "dev.trellis.runtime.server.TrellisMain", application));
            if (application.equals("image-tagging")) {
                command.add(1, "-Dtrellis.deploymentYaml=" + fixedReplicas());
            }
            return ServedSystem.start(name, command, Map.of(), root, work.resolve(name + "-" + application + ".log"), port,
                    probe, START_TIMEOUT);
        });
    }

    /**
     * A deployment YAML that serves the image-tagging sample's two autoscaled model steps at their largest
     * count, two replicas each, as the microservices and Ray Serve are served here: throughput is compared
     * at equal replica counts. Autoscaled, a system idle while the others take their turns scales down, and
     * its next round would measure the scale-up (which {@code run-autoscale.sh} measures on its own).
     */
    private Path fixedReplicas() throws IOException {
        Path file = work.resolve("image-tagging-fixed-replicas.yaml");
        Files.writeString(file, """
                applications:
                  - name: image-tagging
                    deployments:
                      - name: TextDetector
                        numReplicas: 2
                      - name: TextRecognizer
                        numReplicas: 2
                """);
        return file;
    }

    /** A benchmark server whose main takes the port as its argument. */
    private Launch plainJvm(String name, String main) {
        return launch(name, probe -> {
            int port = freePort();
            List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx2g",
                    "-Djava.awt.headless=true", "-Dtrellis.ocr.models=" + models,
                    "-Dbench.childJvmOptions=" + replicaOptions, "-cp", classPath, main, Integer.toString(port));
            return ServedSystem.start(name, command, Map.of(), root, work.resolve(name + ".log"), port, probe,
                    START_TIMEOUT);
        });
    }

    /** The Ray Serve port of {@code app} ({@code benchmarks/peers/ray}), in its own Ray session. */
    private Launch ray(String app) {
        return launch("ray", probe -> {
            int port = freePort();
            List<String> command = List.of("bash", root.resolve("benchmarks/peers/ray/serve.sh").toString(), app,
                    Integer.toString(port));
            return ServedSystem.start("ray", command, Map.of("TRELLIS_PEER_FIXED_REPLICAS", "1"), root,
                    work.resolve("ray-" + app + ".log"), port, probe, START_TIMEOUT);
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Puts a figure, or says why it is missing (a system that was not run, a result that was not written). */
    private void figure(String key, DoubleSupplier value) {
        try {
            double number = value.getAsDouble();
            if (Double.isNaN(number)) {
                throw new IllegalStateException("not measured");
            }
            results.put(key, number);
        } catch (RuntimeException e) {
            System.out.println("no " + key + ": " + e);
            results.put(key, "not measured: " + e.getMessage());
        }
    }

    private void figures(String comparison) {
        for (String name : systemsMeasured.get(comparison)) {
            String variant = comparison + "/" + name;
            String prefix = comparison + "_" + name + "_";
            for (String figure : List.of("throughput_per_s", "p50_ms", "p99_ms", "cpu_ms_per_request")) {
                results.put(prefix + figure, rounds.median(variant, figure));
            }
            results.put(prefix + "failed", (long) rounds.sum(variant, "failed"))
                    .put(prefix + "misread", (long) rounds.sum(variant, "misread"));
        }
    }

    private void record(String comparison, String system, int round, Measured result, double cpuMillisPerRequest) {
        rounds.add(round + 1, comparison + "/" + system, Map.of("throughput_per_s", result.throughput(),
                "p50_ms", result.p50(), "p99_ms", result.p99(), "p99_over_p50", result.p99() / result.p50(),
                "cpu_ms_per_request", cpuMillisPerRequest, "failed", (double) result.failed(),
                "misread", (double) result.misread()));
        System.out.printf(Locale.ROOT, "%s round %d/%d %s: %.2f req/s p50 %.1f ms p99 %.1f ms, %.2f ms CPU a request%s%n",
                comparison, round + 1, ROUNDS, system, result.throughput(), result.p50(), result.p99(),
                cpuMillisPerRequest, result.failed() + result.misread() == 0 ? ""
                        : " (" + result.failed() + " failed, " + result.misread() + " misread)");
    }

    /** The median over rounds of {@code a}'s figure divided by {@code b}'s in the same round. */
    private double ratio(String comparison, String a, String b, String figure) {
        return rounds.medianRatio(comparison + "/" + a, comparison + "/" + b, figure);
    }

    private double coldStart(String comparison, String system) {
        Double seconds = coldStarts.get(comparison + "/" + system);
        if (seconds == null) {
            throw new IllegalStateException(system + " was not run");
        }
        return seconds;
    }

    /** Starts one system and waits until it answers {@code probe}. */
    private interface Launch {
        String name();

        ServedSystem start(ServedSystem.Probe probe) throws IOException, InterruptedException;
    }

    private static Launch launch(String name, Starter starter) {
        return new Launch() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ServedSystem start(ServedSystem.Probe probe) throws IOException, InterruptedException {
                return starter.start(probe);
            }
        };
    }

    @FunctionalInterface
    private interface Starter {
        ServedSystem start(ServedSystem.Probe probe) throws IOException, InterruptedException;
    }

    /** What one load of one system measured. */
    private record Measured(double throughput, double p50, double p99, long requests, long failed, long misread) {}

    /** One load of a system: a warm-up or a measured round. */
    @FunctionalInterface
    private interface SystemLoad {
        Measured run(ServedSystem system) throws IOException, InterruptedException;
    }
}
