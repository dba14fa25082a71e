package dev.trellis.runtime.graph;

import java.time.Duration;

/**
 * How a deployment's replicas are checked: every {@code period}, each check allowed {@code timeout};
 * {@link #FAILURES_TO_REPLACE} failures in a row replace the replica (Ray Serve's defaults).
 *
 * @param period time between checks
 * @param timeout how long one check may take
 */
public record HealthSpec(Duration period, Duration timeout) {

    /** Ray Serve's: every 10 s, 30 s each. */
    public static final HealthSpec DEFAULT = new HealthSpec(Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** Consecutive failed checks after which a replica is replaced; one failure among successes is not. */
    public static final int FAILURES_TO_REPLACE = 3;

    public HealthSpec {
        if (period.isNegative() || period.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check period and timeout must be positive: " + period + ", "
                    + timeout);
        }
    }

    /** From the annotation's milliseconds. */
    public static HealthSpec ofMillis(long periodMillis, long timeoutMillis) {
        return new HealthSpec(Duration.ofMillis(periodMillis), Duration.ofMillis(timeoutMillis));
    }
}
