package dev.trellis.runtime.server;

import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.LatencyHistogram;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Records into a Helidon timer what a replica counted into its {@link Histogram} since the last reading,
 * so that the controller's one scrape serves every replica's latencies as real Prometheus histograms.
 * Each duration goes into the bucket it was counted in, and the durations are chosen so that their sum
 * is the one the replica measured: counts and buckets are exact, and so is the sum (every duration counted
 * in a bucket lies in it, so the replica's sum can be shared out within the buckets); a timer's max is an
 * estimate (at most its bucket's bound).
 */
final class HistogramReplay {

    private static final long[] BOUNDS = Arrays.stream(LatencyHistogram.bounds()).mapToLong(Duration::toNanos).toArray();

    private HistogramReplay() {}

    /** The timer's buckets: the replicas' own. */
    static Duration[] buckets() {
        return LatencyHistogram.bounds();
    }

    /** Records {@code added}, what was counted since the last reading, into {@code timer}. */
    static void into(Timer timer, Histogram added) {
        long[] counts = added.counts();
        long samples = added.count();
        if (samples == 0) {
            return;
        }
        // Every duration starts just above its bucket's lower bound; what the sum has beyond that is
        // shared out evenly, narrow buckets first, as far as each bucket's width lets it.
        long rest = added.sumNanos();
        for (int bucket = 0; bucket < counts.length; bucket++) {
            rest -= counts[bucket] * lowest(bucket);
        }
        rest = Math.max(0, rest);
        for (int bucket = 0; bucket < counts.length; bucket++) {
            long count = counts[bucket];
            if (count == 0) {
                continue;
            }
            long width = bucket < BOUNDS.length ? BOUNDS[bucket] - lowest(bucket) : Long.MAX_VALUE;
            long extra = Math.min(width, rest / samples);
            // The last bucket with durations takes what division left over, a nanosecond more for some of
            // its durations (fewer than it has, unless they are all at its bound already).
            long leftOver = count == samples && extra < width ? rest - extra * count : 0;
            for (long i = 0; i < count; i++) {
                timer.record(lowest(bucket) + extra + (i < leftOver ? 1 : 0), TimeUnit.NANOSECONDS);
            }
            rest -= extra * count + Math.min(leftOver, count);
            samples -= count;
        }
    }

    /** The shortest duration counted in {@code bucket}: just above the bound below it. */
    private static long lowest(int bucket) {
        return bucket == 0 ? 0 : BOUNDS[bucket - 1] + 1;
    }
}
