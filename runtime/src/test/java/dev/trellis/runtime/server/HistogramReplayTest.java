package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.LatencyHistogram;
import io.helidon.metrics.api.Bucket;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a replica counted reaches the controller's timer with the same counts per bucket and the same sum. */
class HistogramReplayTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void bucketsCountAndSumAreTheReplicas() {
        MeterRegistry registry = MeterRegistry.create();
        Timer timer = registry.getOrCreate(Timer.builder("replayed").buckets(HistogramReplay.buckets())
                .percentiles(new double[0]));
        LatencyHistogram replica = new LatencyHistogram();
        long[] durations = {0, MS, MS + 1, 7 * MS, 9 * MS, 240 * MS, 31_000 * MS, 95_000 * MS};
        for (long duration : durations) {
            replica.record(duration);
        }
        Histogram first = replica.snapshot();
        HistogramReplay.into(timer, first);
        replica.record(4 * MS);
        HistogramReplay.into(timer, replica.snapshot().since(first));

        long sum = 4 * MS;
        for (long duration : durations) {
            sum += duration;
        }
        assertEquals(9, timer.count());
        assertEquals(sum, (long) timer.totalTime(TimeUnit.NANOSECONDS));
        // Cumulative, as Prometheus' le: 1 ms, 2, 5, 10, 25, 50, 100, 250, ...
        assertEquals(List.of(2L, 3L, 4L, 6L, 6L, 6L, 6L, 7L, 7L, 7L, 7L, 7L, 7L, 7L), cumulative(timer));
    }

    @Test
    void theSumIsExactWhateverTheDurations() {
        java.util.Random random = new java.util.Random(42);
        for (int trial = 0; trial < 300; trial++) {
            MeterRegistry registry = MeterRegistry.create();
            Timer timer = registry.getOrCreate(Timer.builder("random" + trial).buckets(HistogramReplay.buckets())
                    .percentiles(new double[0]));
            LatencyHistogram replica = new LatencyHistogram();
            int calls = 1 + random.nextInt(40);
            long bound = trial % 2 == 0 ? 30_000 * MS : 600 * MS; // half of them never beyond the last bound
            for (int i = 0; i < calls; i++) {
                replica.record(random.nextLong(bound));
            }
            Histogram counted = replica.snapshot();

            HistogramReplay.into(timer, counted);

            assertEquals(counted.sumNanos(), (long) timer.totalTime(TimeUnit.NANOSECONDS), "trial " + trial);
            List<Long> cumulative = cumulative(timer);
            long[] counts = counted.counts();
            long below = 0;
            for (int bucket = 0; bucket < cumulative.size(); bucket++) {
                below += counts[bucket];
                assertEquals(below, cumulative.get(bucket), "trial " + trial + ", bucket " + bucket);
            }
        }
    }

    @Test
    void nothingAddedRecordsNothing() {
        MeterRegistry registry = MeterRegistry.create();
        Timer timer = registry.getOrCreate(Timer.builder("idle").buckets(HistogramReplay.buckets()));
        HistogramReplay.into(timer, Histogram.EMPTY);
        assertEquals(0, timer.count());
    }

    private static List<Long> cumulative(Timer timer) {
        List<Long> counts = new ArrayList<>();
        for (Bucket bucket : timer.snapshot().histogramCounts()) {
            counts.add(bucket.count());
        }
        return counts;
    }
}
