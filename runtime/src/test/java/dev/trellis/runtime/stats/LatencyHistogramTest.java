package dev.trellis.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void aBoundBelongsToTheBucketItEndsAndLongerThanTheLastGoesBeyond() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(MS); // le 1 ms
        histogram.record(MS + 1); // le 2 ms
        histogram.record(30_000 * MS); // le 30 s
        histogram.record(30_000 * MS + 1); // +Inf
        histogram.record(-5); // a clock that went back: zero

        long[] counts = histogram.snapshot().counts();

        assertEquals(15, counts.length);
        assertEquals(2, counts[0]);
        assertEquals(1, counts[1]);
        assertEquals(1, counts[13]);
        assertEquals(1, counts[14]);
        assertEquals(5, histogram.snapshot().count());
        assertEquals(MS + MS + 1 + 30_000 * MS + 30_000 * MS + 1, histogram.snapshot().sumNanos());
    }

    @Test
    void sinceIsWhatWasAddedAndAHistogramThatStartedAgainCountsWhole() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(3 * MS);
        Histogram first = histogram.snapshot();
        histogram.record(3 * MS);
        histogram.record(700 * MS);

        Histogram added = histogram.snapshot().since(first);

        assertEquals(2, added.count());
        assertEquals(703 * MS, added.sumNanos());
        Histogram restarted = new LatencyHistogram().snapshot();
        assertSame(restarted, restarted.since(first), "fewer counts than before: a new replica's histogram");
    }

    @Test
    void aHistogramHasTheBucketsOfTheBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Histogram(new long[3], 0));
        assertArrayEquals(new long[15], Histogram.EMPTY.counts());
    }
}
