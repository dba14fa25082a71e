package dev.trellis.runtime.spi;

/**
 * The settings of one deployment, from its {@code @Deployment} annotation.
 *
 * @param numReplicas replicas to run, at least 1
 * @param maxOngoingRequests calls one replica runs at once, at least 1
 * @param maxQueuedRequests calls that may wait for a replica; -1 means unbounded
 * @param resources what one replica needs
 * @param health how its replicas are checked
 */
public record DeploymentSpec(
        int numReplicas,
        int maxOngoingRequests,
        int maxQueuedRequests,
        ResourceSpec resources,
        HealthSpec health) {

    /** A deployment checked with Ray Serve's default health settings. */
    public DeploymentSpec(int numReplicas, int maxOngoingRequests, int maxQueuedRequests, ResourceSpec resources) {
        this(numReplicas, maxOngoingRequests, maxQueuedRequests, resources, HealthSpec.DEFAULT);
    }

    public DeploymentSpec {
        java.util.Objects.requireNonNull(health, "health");
        if (numReplicas < 1) {
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

    /** Whether the queue of waiting calls has a limit. */
    public boolean queueBounded() {
        return maxQueuedRequests >= 0;
    }
}
