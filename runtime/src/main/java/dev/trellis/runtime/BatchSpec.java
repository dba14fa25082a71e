package dev.trellis.runtime;

import java.time.Duration;

/**
 * How a {@code @Batch} method's calls are batched in each replica.
 *
 * @param maxSize the most calls in one batch, at least 1
 * @param maxWaitMillis how long the first call of a batch waits for others, at least 0
 * @param maxConcurrentBatches how many batches one replica runs at once, at least 1
 */
public record BatchSpec(int maxSize, long maxWaitMillis, int maxConcurrentBatches) {

    public BatchSpec {
        if (maxSize < 1 || maxWaitMillis < 0 || maxConcurrentBatches < 1) {
            throw new IllegalArgumentException("invalid batching: maxSize " + maxSize + ", maxWaitMillis "
                    + maxWaitMillis + ", maxConcurrentBatches " + maxConcurrentBatches);
        }
    }

    public Duration maxWait() {
        return Duration.ofMillis(maxWaitMillis);
    }
}
