package dev.trellis.runtime.time;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the runtime's choices come from (a router sampling two replicas). Injected so that tests can
 * script which replicas are sampled and check routing deterministically, without statistics.
 */
@FunctionalInterface
public interface RandomSource {

    /**
     * @param bound the number of choices, at least 1
     * @return a value from 0 (inclusive) to {@code bound} (exclusive); callers tolerate other values
     */
    int nextInt(int bound);

    /** Uniform choices from {@link ThreadLocalRandom}: no contention between calling threads. */
    static RandomSource threadLocal() {
        return bound -> ThreadLocalRandom.current().nextInt(bound);
    }
}
