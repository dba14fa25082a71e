package dev.trellis.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The two loads of the hop benchmark: calls one after another, and many callers at once. */
final class Load {

    private Load() {}

    /**
     * Makes {@code calls} calls one after another and returns the latency of each, in nanoseconds.
     *
     * @throws IllegalStateException if an answer is not the payload
     */
    static long[] sequential(EchoClient client, byte[] payload, int calls) throws Exception {
        long[] latencies = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            byte[] answer = client.echo(payload);
            latencies[i] = System.nanoTime() - start;
            check(client, payload, answer);
        }
        return latencies;
    }

    /**
     * Runs {@code callers} virtual threads that call in a loop, and counts the calls answered during
     * {@code measured}, which starts after {@code warmUp}. A failed call is counted and the caller goes
     * on, so that a server that drops a few calls shows in the results instead of ending the run.
     *
     * @throws IllegalStateException if more than one call in a hundred failed
     */
    static Throughput throughput(EchoClient client, byte[] payload, int callers, Duration warmUp, Duration measured)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        LongAdder answered = new LongAdder();
        LongAdder failed = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            threads.add(Thread.ofVirtual().name("caller-" + client.name() + "-" + i).start(() -> {
                while (!stop.get()) {
                    try {
                        check(client, payload, client.echo(payload));
                        answered.increment();
                    } catch (Exception e) {
                        firstFailure.compareAndSet(null, e);
                        failed.increment();
                    }
                }
            }));
        }
        Thread.sleep(warmUp);
        long startCount = answered.sum();
        long start = System.nanoTime();
        Thread.sleep(measured);
        long endCount = answered.sum();
        long end = System.nanoTime();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.sum() > answered.sum() / 100) {
            throw new IllegalStateException(client.name() + ": " + failed.sum() + " of " + (answered.sum()
                    + failed.sum()) + " calls failed under load", firstFailure.get());
        }
        return new Throughput((endCount - startCount) * 1e9 / (end - start), failed.sum(),
                firstFailure.get() == null ? "" : firstFailure.get().toString());
    }

    /**
     * @param callsPerSecond calls answered per second while measured
     * @param failed calls that failed, warm-up included
     * @param firstFailure the first failure, empty if none
     */
    record Throughput(double callsPerSecond, long failed, String firstFailure) {}

    private static void check(EchoClient client, byte[] payload, byte[] answer) {
        if (!Arrays.equals(payload, answer)) {
            throw new IllegalStateException(client.name() + " answered " + (answer == null ? "null"
                    : answer.length + " bytes") + " instead of the " + payload.length + "-byte payload");
        }
    }

    /** The {@code percentile}th value of {@code values} (nearest rank), 0 when there are none; sorts them. */
    static double percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
