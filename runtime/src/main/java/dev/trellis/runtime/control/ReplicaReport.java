package dev.trellis.runtime.control;

import dev.trellis.runtime.stats.ReplicaFigures;
import java.util.Map;

/**
 * A replica's account of its load, which the controller adds up for the autoscaler and the metrics.
 *
 * @param ongoing calls running in the replica or waiting there for one of its slots
 * @param queuedByDependency per deployment it calls, the calls its router holds because no replica had room
 * @param batchSizes per {@code @Batch} method name, how many batches of each size it ran (index = size)
 * @param figures what it counted of its calls and model loads since it started
 */
public record ReplicaReport(int ongoing, Map<String, Integer> queuedByDependency, Map<String, long[]> batchSizes,
        ReplicaFigures figures) {

    public ReplicaReport {
        queuedByDependency = Map.copyOf(queuedByDependency);
        batchSizes = Map.copyOf(batchSizes);
    }
}
