package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.server.TrellisApplication;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Dynamic batching through Trellis against ONNX Runtime called directly, on the same two cores, in one
 * JVM. Writes {@code benchmarks/results/batching.json} (medians) and {@code batching-rounds.csv} next to
 * it (every round); run it with {@code benchmarks/run-batching.sh}; docs/benchmarks.md says what it
 * measures.
 *
 * <ul>
 *   <li><b>Closed loop</b>, at saturation: raw ONNX Runtime (one platform thread and one session per core,
 *       batches of {@value BatchedClassifier#BATCH} and of 1) and Trellis ({@link BatchedClassifier} and
 *       {@link SingleRowClassifier}, one replica per core) under {@value #CLIENTS} in-process clients.
 *   <li><b>Open loop</b>, Poisson arrivals at fractions of the batched deployment's best closed-loop
 *       round, to both deployments at the same rates: per-request latency, throughput, refusals, and
 *       the batches the batched one formed.
 * </ul>
 *
 * <p>Variants alternate: each round measures all of a phase's variants, the two of each ratio back to back,
 * in an order that changes each round. A figure is the median of its rounds; a ratio is the median of the
 * per-round ratios.
 */
public final class BatchingBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 128);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final Duration WARM_UP = Duration.ofMillis(1_500);
    private static final Duration WINDOW = Duration.ofMillis(Long.getLong("bench.windowMillis", 2_000));
    /** Open-loop rates, as fractions of the batched deployment's best closed-loop round. */
    private static final double[] LOADS = {0.05, 0.30, 0.70};

    private static final String RAW_BATCHED = "closed_raw_ort_batched";
    private static final String RAW_SINGLE = "closed_raw_ort_batch1";
    private static final String TRELLIS_BATCHED = "closed_trellis_batched";
    private static final String TRELLIS_SINGLE = "closed_trellis_batch1";

    private static final String OFFERED = "offered_rows_per_s";
    private static final String THROUGHPUT = "rows_per_s";
    private static final String P50 = "p50_ms";
    private static final String P99 = "p99_ms";
    private static final String REJECTED = "rejected_share";
    private static final String MEAN_BATCH = "mean_batch_size";
    private static final String FULL_BATCHES = "full_batches_share";
    private static final String SENDER_LAG = "sender_lag_p99_us";
    private static final String SENDER_CPU = "sender_cpu_share";
    private static final String CORES_USED = "cores_used";
    private static final String PER_CPU_SECOND = "rows_per_cpu_s";

    private BatchingBenchmark() {}

    /** One variant measured once: its figures by column. */
    @FunctionalInterface
    private interface Measurement {
        Map<String, Double> measure(int round) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path resultsFile = Path.of(System.getProperty("bench.results", "benchmarks/results/batching.json"));
        Path roundsFile = resultsFile.resolveSibling("batching-rounds.csv");
        List<float[]> rows = rows(256);
        List<float[]> batch = rows.subList(0, BatchedClassifier.BATCH);
        List<float[]> single = rows.subList(0, 1);
        String loadAtStart = loadAverage();
        Rounds rounds = new Rounds(List.of(OFFERED, THROUGHPUT, P50, P99, REJECTED, MEAN_BATCH, FULL_BATCHES,
                SENDER_LAG, SENDER_CPU, CORES_USED, PER_CPU_SECOND));
        double capacity;
        try (OnnxModel first = BatchedClassifier.open(OnnxSettings.cpu(1));
                OnnxModel second = BatchedClassifier.open(OnnxSettings.cpu(1));
                TrellisApplication batchedApp = TrellisApplication.start(new ClassifierAppGraph());
                TrellisApplication singleApp = TrellisApplication.start(new SingleRowClassifierAppGraph())) {
            List<OnnxModel> sessions = List.of(first, second);
            BatchedClassifierHandle batched = new BatchedClassifierHandle(batchedApp.ingress());
            SingleRowClassifierHandle singleRow = new SingleRowClassifierHandle(singleApp.ingress());
            String batchedName = "BatchedClassifier";
            String singleName = "SingleRowClassifier";

            Map<String, Measurement> closed = new LinkedHashMap<>();
            closed.put(RAW_BATCHED, round -> Map.of(THROUGHPUT, RawOrtLoad.rowsPerSecond(sessions, batch, WINDOW)));
            closed.put(TRELLIS_BATCHED, round -> withBatches(batchedApp, batchedName, () -> Map.of(THROUGHPUT,
                    ClosedLoad.rowsPerSecond(batched::classify, rows, CLIENTS, WINDOW))));
            closed.put(RAW_SINGLE, round -> Map.of(THROUGHPUT, RawOrtLoad.rowsPerSecond(sessions, single, WINDOW)));
            closed.put(TRELLIS_SINGLE, round -> Map.of(THROUGHPUT,
                    ClosedLoad.rowsPerSecond(singleRow::classify, rows, CLIENTS, WINDOW)));

            // JIT, ONNX Runtime and the replicas warm up; not recorded.
            RawOrtLoad.rowsPerSecond(sessions, batch, WARM_UP);
            RawOrtLoad.rowsPerSecond(sessions, single, WARM_UP);
            ClosedLoad.rowsPerSecond(batched::classify, rows, CLIENTS, WARM_UP);
            ClosedLoad.rowsPerSecond(singleRow::classify, rows, CLIENTS, WARM_UP);
            runRounds("closed loop", closed, rounds);

            // The best round, not the median: on a shared machine others only ever take throughput away, so
            // the best round is the closest to what these cores give; the rates are then fractions of that.
            capacity = rounds.max(TRELLIS_BATCHED, THROUGHPUT);
            Map<String, Measurement> open = new LinkedHashMap<>();
            for (int load = 0; load < LOADS.length; load++) {
                double rate = LOADS[load] * capacity;
                long seed = 1_000L * load;
                // The same seed for both: the same arrivals in the same round.
                open.put(openVariant(LOADS[load], "batched"), round -> withBatches(batchedApp, batchedName,
                        () -> figures(OpenLoad.run(batched::classify, rows, rate, WINDOW, seed + round))));
                open.put(openVariant(LOADS[load], "batch1"), round -> withBatches(singleApp, singleName,
                        () -> figures(OpenLoad.run(singleRow::classify, rows, rate, WINDOW, seed + round))));
            }
            runRounds("open loop", open, rounds);
        }
        rounds.writeCsv(roundsFile);
        ResultsFile results = results(rounds, capacity)
                .put("load_average_at_start", loadAtStart)
                .put("load_average_at_end", loadAverage())
                .put("command", System.getProperty("bench.command", "benchmarks/run-batching.sh"))
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.write(resultsFile);
        System.out.println("== Results (" + resultsFile.toAbsolutePath().normalize() + ", rounds in "
                + roundsFile.getFileName() + ") ==");
        System.out.print(results.toJson());
    }

    /**
     * Measures every variant once a round. The variants come in pairs whose ratio the results give (raw
     * and Trellis at one batch size; batched and batch-1 at one rate), measured one right after the other
     * so that the noise of this shared machine falls on both alike; the pairs' order rotates each round
     * and which of a pair goes first alternates.
     */
    private static void runRounds(String phase, Map<String, Measurement> pairs, Rounds rounds) throws Exception {
        List<String> names = new ArrayList<>(pairs.keySet());
        int pairCount = names.size() / 2;
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s round %d/%d:", phase, round + 1,
                    ROUNDS));
            for (int i = 0; i < names.size(); i++) {
                int pair = (round + i / 2) % pairCount;
                int member = (i + round) % 2;
                String name = names.get(2 * pair + member);
                Map<String, Double> figures = measuredWithCpu(pairs.get(name), round);
                rounds.add(round, name, figures);
                line.append(String.format(Locale.ROOT, " %s %.0f/s on %.2f cores", name, figures.get(THROUGHPUT),
                        figures.get(CORES_USED)));
                if (figures.containsKey(P99)) {
                    line.append(String.format(Locale.ROOT, " p99 %.2f ms", figures.get(P99)));
                }
                line.append(';');
            }
            System.out.println(line);
        }
    }

    /**
     * {@code measurement}'s figures, with the CPU this JVM used meanwhile, in cores, and the rows per
     * CPU-second: on a machine others share, a side that got less than its two cores shows it here.
     */
    private static Map<String, Double> measuredWithCpu(Measurement measurement, int round) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Map<String, Double> figures = new LinkedHashMap<>(measurement.measure(round));
        double cores = (os.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - wallBefore);
        figures.put(CORES_USED, cores);
        figures.put(PER_CPU_SECOND, figures.get(THROUGHPUT) / cores);
        return figures;
    }

    /** {@code measurement}'s figures and the mean size and share of full batches the deployment ran meanwhile. */
    private static Map<String, Double> withBatches(TrellisApplication app, String deployment,
            Callable<Map<String, Double>> measurement) throws Exception {
        long[] before = app.batchSizes(deployment, "classify");
        Map<String, Double> figures = new LinkedHashMap<>(measurement.call());
        long[] after = app.batchSizes(deployment, "classify");
        long batches = 0;
        long calls = 0;
        for (int size = 1; size < after.length; size++) {
            long count = after[size] - before[size];
            batches += count;
            calls += size * count;
        }
        if (batches > 0) {
            figures.put(MEAN_BATCH, (double) calls / batches);
            figures.put(FULL_BATCHES, (double) (after[after.length - 1] - before[before.length - 1]) / batches);
        }
        return figures;
    }

    private static Map<String, Double> figures(OpenLoad.Result result) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(OFFERED, result.offeredPerSecond());
        figures.put(THROUGHPUT, result.answeredPerSecond());
        figures.put(P50, result.percentileMillis(0.50));
        figures.put(P99, result.percentileMillis(0.99));
        figures.put(REJECTED, result.rejectedShare());
        figures.put(SENDER_LAG, result.sendLagP99Nanos() / 1e3);
        figures.put(SENDER_CPU, result.senderCpuShare());
        return figures;
    }

    private static String openVariant(double load, String deployment) {
        return String.format(Locale.ROOT, "open_%dpct_trellis_%s", Math.round(load * 100), deployment);
    }

    private static ResultsFile results(Rounds rounds, double capacity) {
        ResultsFile results = new ResultsFile()
                .put("batched_vs_raw_ort_same_cores_ratio", rounds.medianRatio(TRELLIS_BATCHED, RAW_BATCHED, THROUGHPUT))
                .put("batched_vs_raw_ort_ratio_round_min", rounds.minRatio(TRELLIS_BATCHED, RAW_BATCHED, THROUGHPUT))
                .put("batched_vs_raw_ort_ratio_round_max", rounds.maxRatio(TRELLIS_BATCHED, RAW_BATCHED, THROUGHPUT))
                .put("batched_vs_raw_ort_per_cpu_second_ratio",
                        rounds.medianRatio(TRELLIS_BATCHED, RAW_BATCHED, PER_CPU_SECOND))
                .put("raw_ort_batched_rows_per_s", rounds.median(RAW_BATCHED, THROUGHPUT))
                .put("raw_ort_batched_cores_used", rounds.median(RAW_BATCHED, CORES_USED))
                .put("trellis_batched_cores_used", rounds.median(TRELLIS_BATCHED, CORES_USED))
                .put("trellis_batched_rows_per_s", rounds.median(TRELLIS_BATCHED, THROUGHPUT))
                .put("trellis_batched_closed_mean_batch_size", rounds.median(TRELLIS_BATCHED, MEAN_BATCH))
                .put("trellis_batched_closed_full_batches_share", rounds.median(TRELLIS_BATCHED, FULL_BATCHES))
                .put("raw_ort_batch1_rows_per_s", rounds.median(RAW_SINGLE, THROUGHPUT))
                .put("trellis_batch1_rows_per_s", rounds.median(TRELLIS_SINGLE, THROUGHPUT))
                .put("batch1_vs_raw_ort_batch1_same_cores_ratio",
                        rounds.medianRatio(TRELLIS_SINGLE, RAW_SINGLE, THROUGHPUT))
                .put("trellis_batched_vs_batch1_closed_ratio",
                        rounds.medianRatio(TRELLIS_BATCHED, TRELLIS_SINGLE, THROUGHPUT))
                .put("raw_ort_batched_vs_batch1_ratio", rounds.medianRatio(RAW_BATCHED, RAW_SINGLE, THROUGHPUT))
                .put("open_loop_capacity_rows_per_s", capacity)
                .put("open_loop_capacity", "the best closed-loop round of trellis_batched");
        for (double load : LOADS) {
            String batched = openVariant(load, "batched");
            String single = openVariant(load, "batch1");
            results.put(batched.replace("_trellis_batched", "") + "_offered_rows_per_s", load * capacity);
            for (String variant : List.of(batched, single)) {
                results.put(variant + "_rows_per_s", rounds.median(variant, THROUGHPUT))
                        .put(variant + "_p50_ms", rounds.median(variant, P50))
                        .put(variant + "_p99_ms", rounds.median(variant, P99))
                        .put(variant + "_rejected_share", rounds.median(variant, REJECTED))
                        .put(variant + "_cores_used", rounds.median(variant, CORES_USED));
            }
            results.put(batched + "_mean_batch_size", rounds.median(batched, MEAN_BATCH))
                    .put(batched + "_full_batches_share", rounds.median(batched, FULL_BATCHES))
                    .put(batched + "_vs_batch1_p99_ratio", rounds.medianRatio(batched, single, P99));
        }
        return results
                .put("open_sender_lag_p99_us_worst_case", worstOpen(rounds, SENDER_LAG))
                .put("open_sender_cpu_share_worst_case", worstOpen(rounds, SENDER_CPU))
                .put("raw_side", "2 platform threads, each with its own ONNX Runtime session (1 intra-op thread),"
                        + " ready-made batches back to back through the deployment's per-batch code; no client")
                .put("trellis_side", "local topology, 2 replicas with cpus = 1 (1 intra-op thread each),"
                        + " @Batch(maxSize = " + BatchedClassifier.BATCH + ", maxWaitMillis = "
                        + BatchedClassifier.MAX_WAIT_MILLIS + ") or @Batch(maxSize = 1), maxOngoingRequests = 256,"
                        + " maxQueuedRequests = 256")
                .put("same_cores", "one JVM, both sides on the same " + Runtime.getRuntime().availableProcessors()
                        + " cores, measured in turn, never at once")
                .put("load_generator", "in-process: closed loop " + CLIENTS + " virtual threads, one row per call;"
                        + " open loop one platform thread, Poisson arrivals, latency from the due time;"
                        + " shares the JVM and cores with the replicas")
                .put("figures", "median of rounds; ratios median of per-round ratios; every round in"
                        + " batching-rounds.csv; cores_used is this JVM's CPU time over the window's wall time")
                .put("batch_size", BatchedClassifier.BATCH)
                .put("max_wait_ms", BatchedClassifier.MAX_WAIT_MILLIS)
                .put("replicas", BatchedClassifier.REPLICAS)
                .put("clients", CLIENTS)
                .put("rounds", ROUNDS)
                .put("seconds_per_window", WINDOW.toMillis() / 1000.0)
                .put("model", "MLP " + BatchedClassifier.FEATURES + "-" + BatchedClassifier.HIDDEN + "-"
                        + BatchedClassifier.CLASSES + ", float32, 1 intra-op thread a session")
                .put("topology", "local")
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("cpu", cpuModel())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    private static double worstOpen(Rounds rounds, String figure) {
        double worst = 0;
        for (double load : LOADS) {
            for (String deployment : List.of("batched", "batch1")) {
                worst = Math.max(worst, rounds.max(openVariant(load, deployment), figure));
            }
        }
        return worst;
    }

    /** The machine's 1, 5 and 15 minute load averages: how much else ran on these cores. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<float[]> rows(int count) {
        Random random = new Random(11);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] row = new float[BatchedClassifier.FEATURES];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
            rows.add(row);
        }
        return rows;
    }
}
