package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw ONNX Runtime baseline as a competent engineer writes it for {@code n} cores: {@code n} platform
 * threads, each with a session of its own (one intra-op thread), each running ready-made batches back to
 * back through the deployment's own per-batch code ({@link BatchedClassifier#classify(OnnxModel, List)}:
 * rows into one tensor, one run, probabilities out). No requests, no queue, no client: the most this
 * model gives on these cores at this batch size.
 */
final class RawOrtLoad {

    private RawOrtLoad() {}

    /** Rows classified per second by one thread per session over {@code duration}. */
    static double rowsPerSecond(List<OnnxModel> sessions, List<float[]> batch, Duration duration)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(sessions.size());
        CountDownLatch go = new CountDownLatch(1);
        LongAdder rows = new LongAdder();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            OnnxModel session = sessions.get(i);
            threads.add(Thread.ofPlatform().name("raw-ort-" + i).start(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long end = window[1];
                long done = 0;
                while (System.nanoTime() - end < 0) {
                    done += checked(BatchedClassifier.classify(session, batch), batch.size());
                }
                rows.add(done);
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown(); // publishes window to the threads
        for (Thread thread : threads) {
            thread.join();
        }
        return rows.sum() / ((System.nanoTime() - window[0]) / 1e9);
    }

    private static int checked(List<float[]> answers, int rows) {
        if (answers.size() != rows || answers.getFirst().length != BatchedClassifier.CLASSES) {
            throw new IllegalStateException("wrong answer: " + answers.size() + " rows");
        }
        return rows;
    }
}
