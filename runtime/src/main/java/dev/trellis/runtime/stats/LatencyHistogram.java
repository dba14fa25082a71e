package dev.trellis.runtime.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Counts durations into fixed buckets and keeps their exact sum; many threads record at once. */
public final class LatencyHistogram {

    /**
     * Bucket bounds from 1 ms to 30 s, the same for every latency Trellis reports (small pre-processing
     * calls to a cold model's first answer); a bound belongs to the bucket it ends, as Prometheus' {@code le}.
     */
    static final long[] BOUNDS_NANOS = Arrays.stream(new long[] {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
        5_000, 10_000, 30_000}).map(millis -> Duration.ofMillis(millis).toNanos()).toArray();

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_NANOS.length + 1);
    private final LongAdder sumNanos = new LongAdder();

    /** The bucket bounds, shortest first. */
    public static Duration[] bounds() {
        return Arrays.stream(BOUNDS_NANOS).mapToObj(Duration::ofNanos).toArray(Duration[]::new);
    }

    /** Counts one duration; a negative one (a clock that went back) as zero. */
    public void record(long nanos) {
        record(nanos, 1);
    }

    /** Counts {@code times} durations of {@code nanos} each, such as the calls of one batch. */
    public void record(long nanos, int times) {
        long duration = Math.max(0, nanos);
        int bucket = Arrays.binarySearch(BOUNDS_NANOS, duration);
        counts.addAndGet(bucket >= 0 ? bucket : -bucket - 1, times);
        sumNanos.add(duration * times);
    }

    /** What it counted so far. */
    public Histogram snapshot() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return new Histogram(copy, sumNanos.sum());
    }
}
