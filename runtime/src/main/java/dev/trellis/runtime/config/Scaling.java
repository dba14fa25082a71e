package dev.trellis.runtime.config;

import dev.trellis.runtime.graph.AutoscalingSpec;

/**
 * How many replicas a deployment should have: a fixed count, or bounds within which the controller's
 * autoscaler chooses from the load. Never both (Ray Serve's rule: {@code num_replicas} and autoscaling
 * are exclusive).
 */
public sealed interface Scaling {

    /** How many replicas run when the application starts. */
    int initialReplicas();

    /** A fixed replica count, at least 1. */
    record Fixed(int replicas) implements Scaling {
        public Fixed {
            if (replicas < 1) {
                throw new IllegalArgumentException("a fixed replica count is at least 1, was " + replicas);
            }
        }

        @Override
        public int initialReplicas() {
            return replicas;
        }
    }

    /** The autoscaler chooses the count within {@code policy}'s bounds. */
    record Autoscaled(AutoscalingSpec policy) implements Scaling {
        public Autoscaled {
            java.util.Objects.requireNonNull(policy, "policy");
        }

        @Override
        public int initialReplicas() {
            return policy.initialReplicas();
        }
    }
}
