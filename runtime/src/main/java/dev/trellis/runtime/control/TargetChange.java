package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.Scaling;
import java.util.ArrayList;
import java.util.List;

/**
 * What applying a new target does to one deployment: nothing, a change made in place on the replicas
 * that run (how many there are, and how the autoscaler chooses), or a rolling update that replaces them,
 * named field by field.
 *
 * @param deployment the deployment
 * @param kind what happens to it
 * @param fields what differs, as the deployment YAML names it ("numReplicas 2 -> 3")
 * @param reconfigures whether the running replicas are handed a new configuration (in place)
 * @param relimits whether its concurrency limits change (in place: every router that holds them is told)
 */
public record TargetChange(String deployment, Kind kind, List<String> fields, boolean reconfigures, boolean relimits) {

    /** What happens to a deployment's replicas. */
    public enum Kind {
        /** Nothing differs. */
        UNCHANGED,
        /** The same replicas keep serving; only their number or the autoscaler's bounds and pace change. */
        IN_PLACE,
        /** New replicas replace the running ones, new before old, the old ones drained: no call fails. */
        ROLLED
    }

    public TargetChange {
        fields = List.copyOf(fields);
    }

    /**
     * The change from {@code current} to {@code next} of one deployment.
     *
     * @param reconfigures whether the backend hands running replicas a new configuration: then a change of
     *     {@code config} alone, of a deployment with a {@code @Reconfigure} method, is made in place
     */
    static TargetChange between(DeploymentTarget current, DeploymentTarget next, boolean reconfigures) {
        List<String> fields = new ArrayList<>();
        // Every router that holds them is told: the callers' (this JVM's and each process's) and a replica
        // process's own.
        differs(fields, "maxOngoingRequests", current.maxOngoingRequests(), next.maxOngoingRequests());
        differs(fields, "maxQueuedRequests", current.maxQueuedRequests(), next.maxQueuedRequests());
        boolean relimits = !fields.isEmpty();
        if (!current.scaling().equals(next.scaling())) {
            fields.add("scaling " + describe(current.scaling()) + " -> " + describe(next.scaling()));
        }
        if (!current.health().equals(next.health())) {
            // The controller runs the checks: the replicas hold nothing of it.
            fields.add("health " + describe(current.health()) + " -> " + describe(next.health()));
        }
        List<String> held = heldByReplicas(current, next);
        boolean configOnly = held.size() == 1 && held.get(0).startsWith("config ");
        if (configOnly && reconfigures && current.node().dispatcher().configType().isPresent()) {
            fields.add(held.get(0) + " through @Reconfigure");
            return new TargetChange(current.name(), Kind.IN_PLACE, fields, true, relimits);
        }
        fields.addAll(held);
        Kind kind = !held.isEmpty() ? Kind.ROLLED : fields.isEmpty() ? Kind.UNCHANGED : Kind.IN_PLACE;
        return new TargetChange(current.name(), kind, fields, false, relimits);
    }

    /**
     * This change with what changes of the deployment's canary: the fields of both, and the heavier kind
     * (a canary's new replicas are a roll, its share of the calls changes in place).
     */
    TargetChange withCanary(TargetChange canary) {
        if (canary.kind() == Kind.UNCHANGED) {
            return this;
        }
        List<String> all = new ArrayList<>(fields);
        all.addAll(canary.fields());
        Kind heavier = kind.compareTo(canary.kind()) >= 0 ? kind : canary.kind();
        return new TargetChange(deployment, heavier, all, reconfigures, relimits);
    }

    /**
     * Whether replicas of {@code current} run what {@code next}'s would: nothing they hold differs (their
     * number, health checks and limits may). A canary whose target is the deployment's next one is promoted.
     */
    static boolean sameReplicas(DeploymentTarget current, DeploymentTarget next) {
        return heldByReplicas(current, next).isEmpty();
    }

    /**
     * What the replicas hold themselves and differs (configuration, resources, batching, the version, JVM
     * options, the shutdown grace): new replicas get it; running ones only a configuration.
     */
    private static List<String> heldByReplicas(DeploymentTarget current, DeploymentTarget next) {
        List<String> held = new ArrayList<>();
        differs(held, "config", current.config(), next.config());
        differs(held, "resources", current.resources(), next.resources());
        differs(held, "gracefulShutdownTimeoutMillis", current.gracefulShutdownTimeout().toMillis(),
                next.gracefulShutdownTimeout().toMillis());
        differs(held, "version", current.version(), next.version());
        differs(held, "javaOptions", current.javaOptions(), next.javaOptions());
        differs(held, "batch", current.batches(), next.batches());
        differs(held, "classPath", current.classPath(), next.classPath());
        differs(held, "nodeProfile", current.nodeProfile(), next.nodeProfile());
        return held;
    }

    private static void differs(List<String> refused, String field, Object current, Object next) {
        if (!current.equals(next)) {
            refused.add(field + " (" + current + " -> " + next + ")");
        }
    }

    private static String describe(dev.trellis.runtime.graph.HealthSpec health) {
        return "(every " + health.period().toMillis() + " ms, " + health.timeout().toMillis() + " ms each, "
                + health.failureThreshold() + " failures)";
    }

    private static String describe(Scaling scaling) {
        return switch (scaling) {
            case Scaling.Fixed fixed -> fixed.replicas() + (fixed.replicas() == 1 ? " replica" : " replicas");
            case Scaling.Autoscaled autoscaled -> "autoscaling " + autoscaled.policy().minReplicas() + ".."
                    + autoscaled.policy().maxReplicas();
        };
    }
}
