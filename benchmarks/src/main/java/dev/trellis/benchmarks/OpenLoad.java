package dev.trellis.benchmarks;

import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Open-loop load on a classifier: rows sent at a fixed mean rate with Poisson arrivals (a seeded random
 * source), whatever the answers do, from the calling platform thread of this JVM. A call never blocks
 * the sender (a handle call returns at once), and a request's latency runs from the moment it was due to
 * be sent, not from when the sender got to it, so a late sender adds to the latency it reports instead
 * of hiding it (no coordinated omission). How late the sender was, and how much CPU it used, are part
 * of the result.
 */
final class OpenLoad {

    private static final Duration PRE_ROLL = Duration.ofMillis(300);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(20);

    private OpenLoad() {}

    /**
     * What one run gave.
     *
     * @param offeredPerSecond the rate the rows were due at
     * @param sent rows due (and sent) in the measured window
     * @param answeredPerSecond answers that arrived during the measured window, per second
     * @param rejected calls of the window refused at once because the deployment's queue was full
     * @param latencyNanos the latencies of the window's answered calls, sorted
     * @param sendLagP99Nanos the 99th percentile of how late the sender sent a row
     * @param senderCpuShare the sender thread's CPU time over the window's length (1.0 is one core)
     */
    record Result(double offeredPerSecond, long sent, double answeredPerSecond, long rejected, long[] latencyNanos,
            long sendLagP99Nanos, double senderCpuShare) {

        double rejectedShare() {
            return sent == 0 ? 0 : (double) rejected / sent;
        }

        double percentileMillis(double quantile) {
            return percentile(latencyNanos, quantile) / 1e6;
        }
    }

    static Result run(Function<float[], DeploymentResponse<float[]>> classify, List<float[]> rows, double perSecond,
            Duration measured, long seed) throws InterruptedException {
        Random random = new Random(seed);
        long measureFrom = PRE_ROLL.toNanos();
        long measureTo = measureFrom + measured.toNanos();
        int capacity = Math.toIntExact((long) (perSecond * measured.toNanos() / 1e9 * 1.25) + 1_024);
        long[] latencies = new long[capacity];
        long[] lags = new long[capacity];
        AtomicInteger latencyCount = new AtomicInteger();
        LongAdder answeredInWindow = new LongAdder();
        LongAdder rejected = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicInteger outstanding = new AtomicInteger();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpuAtWindow = -1;
        int sent = 0;
        int row = 0;
        long start = System.nanoTime();
        double due = 0; // nanoseconds after start
        while (true) {
            long now = System.nanoTime() - start;
            if (cpuAtWindow < 0 && now >= measureFrom) {
                cpuAtWindow = cpu.getCurrentThreadCpuTime();
            }
            if (now >= measureTo) {
                break;
            }
            while (due <= now && due < measureTo) {
                long dueAt = (long) due;
                boolean inWindow = dueAt >= measureFrom;
                if (inWindow) {
                    if (sent == lags.length) {
                        throw new IllegalStateException("more than " + sent + " rows due at " + perSecond + "/s");
                    }
                    lags[sent++] = System.nanoTime() - start - dueAt;
                }
                outstanding.incrementAndGet();
                float[] features = rows.get(row);
                row = (row + 1) % rows.size();
                classify.apply(features).onCompletion((answer, failure) -> {
                    long done = System.nanoTime() - start;
                    if (failure == null && answer.length == BatchedClassifier.CLASSES) {
                        if (inWindow) {
                            latencies[latencyCount.getAndIncrement()] = done - dueAt;
                        }
                        if (done >= measureFrom && done < measureTo) {
                            answeredInWindow.increment();
                        }
                    } else if (failure instanceof BackPressureException) {
                        if (inWindow) {
                            rejected.increment();
                        }
                    } else {
                        failed.increment();
                    }
                    outstanding.decrementAndGet();
                });
                due += -Math.log(1 - random.nextDouble()) / perSecond * 1e9;
            }
            long sleep = (long) due - (System.nanoTime() - start);
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
        }
        double senderCpuShare = (cpu.getCurrentThreadCpuTime() - cpuAtWindow) / (double) measured.toNanos();
        long drainBy = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() - drainBy > 0) {
                throw new IllegalStateException(outstanding.get() + " calls still unanswered " + DRAIN_LIMIT
                        + " after the load stopped");
            }
            Thread.sleep(5);
        }
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " calls failed other than by back-pressure");
        }
        long[] answered = Arrays.copyOf(latencies, latencyCount.get()); // after the drain: every write is seen
        Arrays.sort(answered);
        long[] sentLags = Arrays.copyOf(lags, sent);
        Arrays.sort(sentLags);
        return new Result(perSecond, sent, answeredInWindow.sum() / (measured.toNanos() / 1e9), rejected.sum(),
                answered, percentile(sentLags, 0.99), senderCpuShare);
    }

    /** The nearest-rank percentile of sorted {@code values}; 0 when there are none. */
    static long percentile(long[] values, double quantile) {
        if (values.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
