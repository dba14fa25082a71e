package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.onnx.Tensor;
import dev.trellis.runtime.server.TrellisApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Batched inference through Trellis against ONNX Runtime called directly, in one run: rows classified
 * per second by {@link BatchedClassifier} with {@value #CLIENTS} concurrent callers sending one row each
 * (the replica batches up to {@value BatchedClassifier#BATCH}), and by one thread running the same model,
 * with the same settings, on ready-made batches of that size back to back. Writes
 * {@code benchmarks/results/batching.json}; run it with {@code benchmarks/run-batching.sh}.
 */
public final class BatchingBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration MEASURED = Duration.ofMillis(Long.getLong("bench.measuredMillis", 5_000));

    private BatchingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path resultsFile = Path.of(System.getProperty("bench.results", "benchmarks/results/batching.json"));
        List<float[]> rows = rows(256);
        List<Double> raw = new ArrayList<>();
        List<Double> trellis = new ArrayList<>();
        long[] batchSizes;
        try (OnnxModel model = BatchedClassifier.open(OnnxSettings.cpu(1));
                TrellisApplication app = TrellisApplication.start(new ClassifierAppGraph())) {
            BatchedClassifierHandle classifier = new BatchedClassifierHandle(app.ingress());
            Tensor batch = Tensor.floats(new long[] {BatchedClassifier.BATCH, BatchedClassifier.FEATURES},
                    BatchedClassifier.concat(rows.subList(0, BatchedClassifier.BATCH)));
            rawRowsPerSecond(model, batch, WARM_UP); // JIT and ONNX Runtime warm-up, not recorded
            trellisRowsPerSecond(classifier, rows, WARM_UP);
            long[] before = app.batchSizes("BatchedClassifier", "classify");
            for (int round = 0; round < ROUNDS; round++) {
                // Alternate which goes first, so that drifting noise on the machine falls on both.
                if (round % 2 == 0) {
                    raw.add(rawRowsPerSecond(model, batch, MEASURED));
                    trellis.add(trellisRowsPerSecond(classifier, rows, MEASURED));
                } else {
                    trellis.add(trellisRowsPerSecond(classifier, rows, MEASURED));
                    raw.add(rawRowsPerSecond(model, batch, MEASURED));
                }
                System.out.printf("round %d/%d: raw %.0f rows/s, trellis %.0f rows/s%n", round + 1, ROUNDS,
                        raw.getLast(), trellis.getLast());
            }
            long[] after = app.batchSizes("BatchedClassifier", "classify");
            batchSizes = new long[after.length];
            for (int i = 0; i < after.length; i++) {
                batchSizes[i] = after[i] - before[i];
            }
        }
        double rawMean = raw.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double trellisMean = trellis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        long batches = Arrays.stream(batchSizes).sum();
        long batchedCalls = 0;
        for (int size = 0; size < batchSizes.length; size++) {
            batchedCalls += size * batchSizes[size];
        }
        ResultsFile results = new ResultsFile()
                .put("batched_throughput_ratio", trellisMean / rawMean)
                .put("batch_size", BatchedClassifier.BATCH)
                .put("trellis_rows_per_s", trellisMean)
                .put("raw_rows_per_s", rawMean)
                .put("trellis_mean_batch_size", batches == 0 ? 0.0 : (double) batchedCalls / batches)
                .put("trellis_full_batches_share", batches == 0 ? 0.0
                        : (double) batchSizes[BatchedClassifier.BATCH] / batches)
                .put("ratio_round_min", min(trellis, raw))
                .put("ratio_round_max", max(trellis, raw))
                .put("clients", CLIENTS)
                .put("rounds", ROUNDS)
                .put("seconds_per_round", MEASURED.toMillis() / 1000.0)
                .put("model", "MLP " + BatchedClassifier.FEATURES + "-" + BatchedClassifier.HIDDEN + "-"
                        + BatchedClassifier.CLASSES + ", float32, 1 intra-op thread")
                .put("topology", "local")
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("command", System.getProperty("bench.command", "benchmarks/run-batching.sh"))
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.write(resultsFile);
        System.out.println("== Results (" + resultsFile.toAbsolutePath().normalize() + ") ==");
        System.out.print(results.toJson());
    }

    /** One thread running ready-made batches back to back: the most this model gives at this batch size. */
    private static double rawRowsPerSecond(OnnxModel model, Tensor batch, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        long rows = 0;
        while (System.nanoTime() - end < 0) {
            rows += model.run(batch).shape()[0];
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /** {@value #CLIENTS} virtual threads, each sending one row at a time through the handle. */
    private static double trellisRowsPerSecond(BatchedClassifierHandle classifier, List<float[]> rows,
            Duration duration) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder answered = new LongAdder();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            float[] row = rows.get(client % rows.size());
            clients.add(Thread.ofVirtual().name("client-" + client).start(() -> {
                while (!stop.get()) {
                    float[] probabilities = classifier.classify(row).join();
                    if (probabilities.length != BatchedClassifier.CLASSES) {
                        throw new IllegalStateException("wrong answer: " + probabilities.length + " classes");
                    }
                    answered.increment();
                }
            }));
        }
        long start = System.nanoTime();
        long startCount = answered.sum();
        Thread.sleep(duration);
        long count = answered.sum() - startCount;
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        return count / seconds;
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

    private static double min(List<Double> trellis, List<Double> raw) {
        double min = Double.MAX_VALUE;
        for (int i = 0; i < trellis.size(); i++) {
            min = Math.min(min, trellis.get(i) / raw.get(i));
        }
        return min;
    }

    private static double max(List<Double> trellis, List<Double> raw) {
        double max = 0;
        for (int i = 0; i < trellis.size(); i++) {
            max = Math.max(max, trellis.get(i) / raw.get(i));
        }
        return max;
    }
}
