package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.graph.Channels;
import java.util.OptionalInt;

/**
 * What a backend needs to start one replica.
 *
 * @param replicaId the replica's identity, unique in the application ({@code "TextDetector-3"})
 * @param deployment what the replica runs, with its configuration and limits
 * @param gpuDevice the GPU the placement gave it, if it asked for one and the node has GPUs
 * @param channels this JVM's routers to the deployments it calls, for a replica built in this JVM
 * @param application the application's target when it was launched, {@code deployment} one of its own
 *     (the controller changes both at once): what a replica in another process reads
 * @param canary whether it is a replica of the deployment's canary: {@code deployment} is then the
 *     canary's target, and a replica in another process reads that one of {@code application}'s
 */
public record ReplicaLaunch(String replicaId, DeploymentTarget deployment, OptionalInt gpuDevice, Channels channels,
        dev.trellis.runtime.config.ApplicationTarget application, boolean canary) {}
