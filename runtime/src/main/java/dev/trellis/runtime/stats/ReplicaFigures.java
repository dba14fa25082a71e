package dev.trellis.runtime.stats;

import java.util.Map;

/**
 * What one replica counted of its work since it started, part of its report to the controller.
 *
 * @param methods per method name that was called, its figures
 * @param modelLoads how long each model load of a {@code @Multiplexed} deployment took
 * @param modelsHeld the models it holds now, loaded or loading
 */
public record ReplicaFigures(Map<String, MethodFigures> methods, Histogram modelLoads, int modelsHeld) {

    /** A replica that counted nothing, such as one that has not started. */
    public static final ReplicaFigures NONE = new ReplicaFigures(Map.of(), Histogram.EMPTY, 0);

    public ReplicaFigures {
        methods = Map.copyOf(methods);
    }
}
