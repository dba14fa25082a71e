package dev.trellis.runtime.control;

import dev.trellis.runtime.graph.HealthSpec;

/**
 * Counts a replica's failed health checks in a row: its deployment's {@link HealthSpec#failureThreshold()}
 * of them mean replace it; a success in between starts the count again, so alternating failures never do.
 */
final class FailureCount {

    private int inARow;

    /**
     * Records one check.
     *
     * @return whether the replica must be replaced now
     */
    boolean record(boolean healthy, int threshold) {
        inARow = healthy ? 0 : inARow + 1;
        return inARow >= threshold;
    }

    int inARow() {
        return inARow;
    }
}
