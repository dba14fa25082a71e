package dev.trellis.samples.tagging;

import java.util.Map;

/**
 * Records how long each step of a request took since the one before, in milliseconds to one decimal, as
 * {@code TagReport.timingsMillis} shows them.
 */
public final class Stopwatch {

    private final Map<String, Double> timings;
    private final long start = System.nanoTime();
    private long last = start;

    /** @param timings where the laps go, in the order they are taken */
    public Stopwatch(Map<String, Double> timings) {
        this.timings = timings;
    }

    /** Records {@code step} as the time since the last lap (or the start). */
    public void lap(String step) {
        long now = System.nanoTime();
        timings.put(step, millis(now - last));
        last = now;
    }

    /** Records {@code total}, the time since the start. */
    public void total() {
        timings.put("total", millis(System.nanoTime() - start));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
