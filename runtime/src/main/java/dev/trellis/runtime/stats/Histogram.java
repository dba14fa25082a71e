package dev.trellis.runtime.stats;

import java.util.Arrays;

/**
 * Durations counted into the buckets of {@link LatencyHistogram#BOUNDS_NANOS}, with their exact sum.
 *
 * @param counts per bucket (not cumulative) how many durations fell in it; the last is beyond the largest bound
 * @param sumNanos the sum of every duration counted
 */
public record Histogram(long[] counts, long sumNanos) {

    /** No durations yet. */
    public static final Histogram EMPTY = new Histogram(new long[LatencyHistogram.BOUNDS_NANOS.length + 1], 0);

    public Histogram {
        if (counts.length != LatencyHistogram.BOUNDS_NANOS.length + 1) {
            throw new IllegalArgumentException("a histogram has " + (LatencyHistogram.BOUNDS_NANOS.length + 1)
                    + " buckets, not " + counts.length);
        }
        counts = counts.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** How many durations it counted. */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * What was counted since {@code earlier}, a reading of the same histogram; this whole reading when
     * {@code earlier} has counts or a sum this one lacks (the histogram started again, as a restarted
     * container's under the same replica id).
     */
    public Histogram since(Histogram earlier) {
        if (sumNanos < earlier.sumNanos) {
            return this;
        }
        long[] added = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            added[i] = counts[i] - earlier.counts[i];
            if (added[i] < 0) {
                return this;
            }
        }
        return new Histogram(added, sumNanos - earlier.sumNanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram that && sumNanos == that.sumNanos && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Long.hashCode(sumNanos);
    }

    @Override
    public String toString() {
        return "Histogram" + Arrays.toString(counts) + " sum " + sumNanos + " ns";
    }
}
