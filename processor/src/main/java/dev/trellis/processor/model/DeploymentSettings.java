package dev.trellis.processor.model;

import java.util.Optional;

/**
 * The values of one {@code @Deployment} annotation, defaults filled in.
 *
 * @param numReplicas replicas to run; for an autoscaled deployment, its initial count (at least 1)
 * @param maxOngoingRequests calls one replica runs at once
 * @param maxQueuedRequests calls that may wait; -1 means unbounded
 * @param cpus CPU cores per replica
 * @param gpus GPUs per replica
 * @param memoryMb memory per replica in MiB
 * @param autoscaling the autoscaling bounds and target, present when {@code autoscaling} is written
 */
public record DeploymentSettings(
        int numReplicas,
        int maxOngoingRequests,
        int maxQueuedRequests,
        double cpus,
        double gpus,
        long memoryMb,
        Optional<AutoscalingSettings> autoscaling) {
}
