package dev.trellis.runtime.graph;

import java.time.Duration;

/**
 * How a deployment's replicas are checked: every {@code period}, each check allowed {@code timeout};
 * {@code failureThreshold} failures in a row replace the replica ({@link #FAILURES_TO_REPLACE} unless a
 * deployment YAML says otherwise; Ray Serve's defaults).
 *
 * @param period time between checks
 * @param timeout how long one check may take
 * @param failureThreshold failed checks in a row that replace a replica, at least 1
 */
public record HealthSpec(Duration period, Duration timeout, int failureThreshold) {

    /** Ray Serve's: every 10 s, 30 s each. */
    public static final HealthSpec DEFAULT = new HealthSpec(Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** Consecutive failed checks after which a replica is replaced; one failure among successes is not. */
    public static final int FAILURES_TO_REPLACE = 3;

    public HealthSpec {
        if (period.isNegative() || period.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("health check period and timeout must be positive: " + period + ", "
                    + timeout);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("the health failure threshold must be at least 1, was "
                    + failureThreshold);
        }
    }

    /** Checks every {@code period}, each allowed {@code timeout}, replacing after the default failures in a row. */
    public HealthSpec(Duration period, Duration timeout) {
        this(period, timeout, FAILURES_TO_REPLACE);
    }

    /** From the annotation's milliseconds. */
    public static HealthSpec ofMillis(long periodMillis, long timeoutMillis) {
        return new HealthSpec(Duration.ofMillis(periodMillis), Duration.ofMillis(timeoutMillis));
    }
}
