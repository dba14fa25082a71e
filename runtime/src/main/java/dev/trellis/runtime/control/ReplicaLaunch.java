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
 */
public record ReplicaLaunch(String replicaId, DeploymentTarget deployment, OptionalInt gpuDevice, Channels channels) {

    /** Its number within the application, the digits after the last '-' of its id; 0 if there are none. */
    public int number() {
        String digits = replicaId.substring(replicaId.lastIndexOf('-') + 1);
        return !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : 0;
    }
}
