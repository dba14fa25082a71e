package dev.trellis.benchmarks;

import dev.trellis.benchmarks.LabelImages.Label;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The image-tagging pipeline three ways, under the same load, in one run: the Trellis sample
 * ({@link TrellisTagServer}), the same steps as a monolith ({@link MonolithTagServer}) and as hand-written
 * HTTP/JSON microservices ({@link MicroserviceTagServers}). All run in this JVM, on the same cores, with
 * the same models and ONNX Runtime settings (one intra-op thread per model, as each Trellis deployment's
 * {@code cpus} gives it). Each is loaded by the same closed loop ({@link PipelineLoad}) of
 * {@code bench.concurrency} clients posting the same eight labels; they take turns, round after round, in
 * a rotating order, so that the machine's noise falls on all three. Writes
 * {@code benchmarks/results/pipeline.json}; run it with {@code benchmarks/run-pipeline.sh}.
 */
public final class PipelineBenchmark {

    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final Duration WARM_UP = Duration.ofMillis(Long.getLong("bench.warmUpMillis", 10_000));
    private static final Duration ROUND_WARM_UP = Duration.ofMillis(Long.getLong("bench.roundWarmUpMillis", 3_000));
    private static final Duration MEASURED = Duration.ofMillis(Long.getLong("bench.roundMillis", 12_000));
    /** What every model gets in the baselines: what {@code OnnxSettings.forReplica} gives each sample deployment. */
    private static final int INTRA_OP_THREADS = 1;
    /** Kept, so that its level holds: six servers start and stop, and their INFO lines would bury the table. */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        HELIDON_LOG.setLevel(Level.WARNING);
        Path resultsFile = Path.of(System.getProperty("bench.results", "benchmarks/results/pipeline.json"));
        OcrModelFiles models = OcrModelFiles.fromSystemProperty(); // the Trellis sample reads the same property
        List<Label> labels = LabelImages.render();
        OnnxSettings settings = OnnxSettings.cpu(INTRA_OP_THREADS);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        Map<String, List<PipelineLoad.Result>> results = new LinkedHashMap<>();
        Map<String, long[]> batchesBefore;
        Map<String, long[]> batchesAfter;
        try (MonolithTagServer monolith = MonolithTagServer.start(models, settings);
                MicroserviceTagServers microservices = MicroserviceTagServers.start(models, settings);
                TrellisTagServer trellis = TrellisTagServer.start()) {
            List<TagVariant> variants = List.of(monolith, microservices, trellis);
            System.out.printf("== Image-tagging pipeline: %d clients, %d labels, %d rounds of %d s (+%d s warm-up)"
                    + " ==%n", CONCURRENCY, labels.size(), ROUNDS, MEASURED.toSeconds(), ROUND_WARM_UP.toSeconds());
            for (TagVariant variant : variants) {
                results.put(variant.name(), new ArrayList<>());
                List<List<String>> read = new ArrayList<>();
                for (Label label : labels) {
                    read.add(PipelineLoad.linesRead(http, variant.port(), label));
                }
                System.out.printf("%s reads: %s%n", variant.name(), read);
            }
            for (TagVariant variant : variants) { // JIT and ONNX Runtime warm-up, not recorded
                PipelineLoad.Result warmUp = PipelineLoad.run(http, variant.port(), labels, CONCURRENCY, WARM_UP,
                        Duration.ZERO);
                System.out.printf("warm-up %s: %d answered, %d failed, %d misread%s%n", variant.name(),
                        warmUp.answered(), warmUp.failed(), warmUp.misread(), problem(warmUp));
            }
            batchesBefore = trellis.batchCounts(http);
            for (int round = 0; round < ROUNDS; round++) {
                List<TagVariant> order = new ArrayList<>(variants);
                Collections.rotate(order, -round);
                StringBuilder line = new StringBuilder("round " + (round + 1) + "/" + ROUNDS + ":");
                for (TagVariant variant : order) {
                    PipelineLoad.Result result = PipelineLoad.run(http, variant.port(), labels, CONCURRENCY,
                            ROUND_WARM_UP, MEASURED);
                    results.get(variant.name()).add(result);
                    long[] latencies = result.latenciesNanos().clone();
                    line.append(String.format(Locale.ROOT, " %s %.1f req/s p50 %.0f ms p99 %.0f ms%s;", variant.name(),
                            result.requestsPerSecond(), Load.percentile(latencies, 50) / 1e6,
                            Load.percentile(latencies, 99) / 1e6, problem(result)));
                }
                System.out.println(line);
            }
            batchesAfter = trellis.batchCounts(http);
        }

        Stats monolith = Stats.of(results.get("monolith"));
        Stats microservices = Stats.of(results.get("microservices"));
        Stats trellis = Stats.of(results.get("trellis"));
        ResultsFile file = new ResultsFile()
                .put("vs_monolith_throughput_ratio", trellis.throughput / monolith.throughput)
                .put("vs_microservices_throughput_ratio", trellis.throughput / microservices.throughput)
                .put("vs_microservices_p99_ratio", trellis.p99Millis / microservices.p99Millis)
                .put("vs_monolith_p99_ratio", trellis.p99Millis / monolith.p99Millis)
                .put("vs_monolith_p50_ratio", trellis.p50Millis / monolith.p50Millis)
                .put("vs_microservices_p50_ratio", trellis.p50Millis / microservices.p50Millis);
        Map<String, Stats> byVariant = new LinkedHashMap<>();
        byVariant.put("trellis", trellis);
        byVariant.put("monolith", monolith);
        byVariant.put("microservices", microservices);
        for (Map.Entry<String, Stats> variant : byVariant.entrySet()) {
            Stats stats = variant.getValue();
            file.put(variant.getKey() + "_throughput_per_s", stats.throughput)
                    .put(variant.getKey() + "_p50_ms", stats.p50Millis)
                    .put(variant.getKey() + "_p99_ms", stats.p99Millis)
                    .put(variant.getKey() + "_requests_measured", stats.measured)
                    .put(variant.getKey() + "_failed", stats.failed)
                    .put(variant.getKey() + "_misread", stats.misread);
        }
        double[] vsMonolith = roundRatios(results.get("trellis"), results.get("monolith"));
        double[] vsMicroservices = roundRatios(results.get("trellis"), results.get("microservices"));
        file.put("vs_monolith_throughput_ratio_round_min", Arrays.stream(vsMonolith).min().orElseThrow())
                .put("vs_monolith_throughput_ratio_round_max", Arrays.stream(vsMonolith).max().orElseThrow())
                .put("vs_microservices_throughput_ratio_round_min", Arrays.stream(vsMicroservices).min().orElseThrow())
                .put("vs_microservices_throughput_ratio_round_max", Arrays.stream(vsMicroservices).max().orElseThrow());
        batchesAfter.forEach((method, after) -> file.put("trellis_mean_batch_" + method,
                meanBatch(after, batchesBefore.getOrDefault(method, new long[after.length]))));
        file.put("concurrency", CONCURRENCY)
                .put("images", labels.size())
                .put("rounds", ROUNDS)
                .put("seconds_per_round", MEASURED.toMillis() / 1000.0)
                .put("warm_up_seconds_per_round", ROUND_WARM_UP.toMillis() / 1000.0)
                .put("onnx_intra_op_threads_per_model", INTRA_OP_THREADS)
                // Replica counts as the sample declares them, unless a deployment YAML overrode them.
                .put("trellis_deployment_yaml", TrellisTagServer.deploymentYaml().map(Path::toString).orElse("none"))
                .put("throughput", "median of rounds")
                .put("latency", "percentiles of all rounds' requests pooled")
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .put("command", System.getProperty("bench.command", "benchmarks/run-pipeline.sh"))
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        file.write(resultsFile);

        System.out.println("== Results (" + resultsFile.toAbsolutePath().normalize() + ") ==");
        System.out.printf("%-14s %9s %9s %9s %8s %8s%n", "variant", "req/s", "p50 ms", "p99 ms", "failed", "misread");
        for (Map.Entry<String, Stats> variant : byVariant.entrySet()) {
            Stats stats = variant.getValue();
            System.out.printf(Locale.ROOT, "%-14s %9.2f %9.1f %9.1f %8d %8d%n", variant.getKey(), stats.throughput,
                    stats.p50Millis, stats.p99Millis, stats.failed, stats.misread);
        }
        System.out.printf(Locale.ROOT, "trellis / monolith:      throughput %.2fx, p50 %.2fx, p99 %.2fx%n",
                trellis.throughput / monolith.throughput, trellis.p50Millis / monolith.p50Millis,
                trellis.p99Millis / monolith.p99Millis);
        System.out.printf(Locale.ROOT, "trellis / microservices: throughput %.2fx, p50 %.2fx, p99 %.2fx%n",
                trellis.throughput / microservices.throughput, trellis.p50Millis / microservices.p50Millis,
                trellis.p99Millis / microservices.p99Millis);
        System.out.print(file.toJson());
    }

    private static String problem(PipelineLoad.Result result) {
        if (result.failed() == 0 && result.misread() == 0) {
            return "";
        }
        return " (" + result.failed() + " failed, " + result.misread() + " misread; first: " + result.firstProblem()
                + ")";
    }

    private static double[] roundRatios(List<PipelineLoad.Result> trellis, List<PipelineLoad.Result> baseline) {
        double[] ratios = new double[trellis.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = trellis.get(i).requestsPerSecond() / baseline.get(i).requestsPerSecond();
        }
        return ratios;
    }

    private static double meanBatch(long[] after, long[] before) {
        long batches = 0;
        long calls = 0;
        for (int size = 1; size < after.length; size++) {
            long count = after[size] - before[size];
            batches += count;
            calls += size * count;
        }
        return batches == 0 ? 0 : (double) calls / batches;
    }

    /**
     * One variant's figures over all rounds: the median of the rounds' throughputs, latency percentiles of
     * all measured requests pooled, failures and misreads summed (warm-ups included).
     */
    private record Stats(double throughput, double p50Millis, double p99Millis, long measured, long failed,
            long misread) {

        static Stats of(List<PipelineLoad.Result> rounds) {
            double[] throughputs = rounds.stream().mapToDouble(PipelineLoad.Result::requestsPerSecond).sorted().toArray();
            double median = throughputs.length % 2 == 1 ? throughputs[throughputs.length / 2]
                    : (throughputs[throughputs.length / 2 - 1] + throughputs[throughputs.length / 2]) / 2;
            long[] all = rounds.stream().flatMapToLong(round -> Arrays.stream(round.latenciesNanos())).toArray();
            return new Stats(median, Load.percentile(all, 50) / 1e6, Load.percentile(all.clone(), 99) / 1e6,
                    all.length, rounds.stream().mapToLong(PipelineLoad.Result::failed).sum(),
                    rounds.stream().mapToLong(PipelineLoad.Result::misread).sum());
        }
    }
}
