package dev.trellis.runtime.graph;

import dev.trellis.runtime.ResourceSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one deployment, from its {@code @Deployment} annotation: the code's defaults, which
 * the deployment YAML overrides field by field (see {@code config.ApplicationTarget}).
 *
 * @param numReplicas replicas to run, at least 1; not used when {@code autoscaling} is present
 * @param maxOngoingRequests calls one replica runs at once, at least 1
 * @param maxQueuedRequests calls that may wait for a replica; -1 means unbounded
 * @param resources what one replica needs
 * @param health how its replicas are checked
 * @param autoscaling how the replica count follows the load; empty for a fixed {@code numReplicas}
 */
public record DeploymentSpec(
        int numReplicas,
        int maxOngoingRequests,
        int maxQueuedRequests,
        ResourceSpec resources,
        HealthSpec health,
        Optional<AutoscalingSpec> autoscaling) {

    /** A deployment with a fixed replica count. */
    public DeploymentSpec(int numReplicas, int maxOngoingRequests, int maxQueuedRequests, ResourceSpec resources,
            HealthSpec health) {
        this(numReplicas, maxOngoingRequests, maxQueuedRequests, resources, health, Optional.empty());
    }

    /** A deployment with a fixed replica count, checked with Ray Serve's default health settings. */
    public DeploymentSpec(int numReplicas, int maxOngoingRequests, int maxQueuedRequests, ResourceSpec resources) {
        this(numReplicas, maxOngoingRequests, maxQueuedRequests, resources, HealthSpec.DEFAULT);
    }

    /** An autoscaled deployment: the generated form of {@code @Deployment(autoscaling = @Autoscaling(...))}. */
    public static DeploymentSpec autoscaled(AutoscalingSpec autoscaling, int maxOngoingRequests,
            int maxQueuedRequests, ResourceSpec resources, HealthSpec health) {
        return new DeploymentSpec(autoscaling.initialReplicas(), maxOngoingRequests, maxQueuedRequests, resources,
                health, Optional.of(autoscaling));
    }

    public DeploymentSpec {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(autoscaling, "autoscaling");
        if (numReplicas < 1 && autoscaling.isEmpty()) {
            throw new IllegalArgumentException("numReplicas must be at least 1, was " + numReplicas);
        }
        if (maxOngoingRequests < 1) {
            throw new IllegalArgumentException(
                    "maxOngoingRequests must be at least 1, was " + maxOngoingRequests);
        }
        if (maxQueuedRequests < -1) {
            throw new IllegalArgumentException(
                    "maxQueuedRequests must be -1 (unbounded) or more, was " + maxQueuedRequests);
        }
    }

}
