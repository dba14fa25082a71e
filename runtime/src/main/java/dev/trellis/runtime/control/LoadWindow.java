package dev.trellis.runtime.control;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The ongoing requests of one deployment as sampled over the look-back window: the autoscaler decides on
 * their average, so that one burst between two samples does not move the replica count on its own.
 */
final class LoadWindow {

    private record Sample(long atNanos, double ongoing) {}

    private final long lookBackNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    LoadWindow(Duration lookBack) {
        this.lookBackNanos = lookBack.toNanos();
    }

    /** Records the ongoing requests seen at {@code nowNanos} and forgets samples older than the window. */
    void add(long nowNanos, double ongoing) {
        samples.addLast(new Sample(nowNanos, ongoing));
        while (!samples.isEmpty() && nowNanos - samples.peekFirst().atNanos() >= lookBackNanos) {
            samples.pollFirst();
        }
    }

    /** The mean of the samples in the window; 0 before the first. */
    double average() {
        return samples.stream().mapToDouble(Sample::ongoing).average().orElse(0);
    }
}
