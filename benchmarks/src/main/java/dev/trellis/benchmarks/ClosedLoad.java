package dev.trellis.benchmarks;

import dev.trellis.runtime.DeploymentResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Closed-loop load on a classifier: {@code clients} virtual threads in this JVM, each sending one row
 * through the handle and waiting for its answer, in a loop. Measures throughput at saturation; the
 * clients' own work (a handle call and a wake-up per row) runs on the same cores as the replicas.
 */
final class ClosedLoad {

    private static final Duration PRE_ROLL = Duration.ofMillis(200);

    private ClosedLoad() {}

    /** Rows answered per second during {@code duration}. */
    static double rowsPerSecond(Function<float[], DeploymentResponse<float[]>> classify, List<float[]> rows,
            int clients, Duration duration) throws InterruptedException {
        return rowsPerSecond(client -> classify, rows, clients, PRE_ROLL, duration);
    }

    /**
     * Rows answered per second during {@code duration}, after {@code preRoll}; client {@code i} sends its
     * rows through {@code classifierOf.apply(i)}, so clients may share out several deployments.
     */
    static double rowsPerSecond(java.util.function.IntFunction<Function<float[], DeploymentResponse<float[]>>> classifierOf,
            List<float[]> rows, int clients, Duration preRoll, Duration duration) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder answered = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            float[] row = rows.get(client % rows.size());
            Function<float[], DeploymentResponse<float[]>> classify = classifierOf.apply(client);
            threads.add(Thread.ofVirtual().name("closed-client-" + client).start(() -> {
                while (!stop.get()) {
                    float[] probabilities = classify.apply(row).join();
                    if (probabilities.length != BatchedClassifier.CLASSES) {
                        throw new IllegalStateException("wrong answer: " + probabilities.length + " classes");
                    }
                    answered.increment();
                }
            }));
        }
        Thread.sleep(preRoll); // every client started and in its loop
        long start = System.nanoTime();
        long startCount = answered.sum();
        Thread.sleep(duration);
        long count = answered.sum() - startCount;
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return count / seconds;
    }
}
