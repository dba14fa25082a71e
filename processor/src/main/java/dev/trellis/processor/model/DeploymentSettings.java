package dev.trellis.processor.model;

/**
 * The values of one {@code @Deployment} annotation, defaults filled in.
 *
 * @param numReplicas replicas to run
 * @param maxOngoingRequests calls one replica runs at once
 * @param maxQueuedRequests calls that may wait; -1 means unbounded
 * @param cpus CPU cores per replica
 * @param gpus GPUs per replica
 * @param memoryMb memory per replica in MiB
 */
public record DeploymentSettings(
        int numReplicas,
        int maxOngoingRequests,
        int maxQueuedRequests,
        double cpus,
        double gpus,
        long memoryMb) {
}
