package dev.trellis.runtime.control;

import dev.trellis.runtime.config.Scaling;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One deployment in the status: what it should be, what the autoscaler decided, and its replicas.
 *
 * @param name the deployment
 * @param health whether its replicas serve as they should
 * @param message what went wrong last, or what it is waiting for; empty when there is nothing to say
 * @param scaling its fixed count or autoscaling bounds
 * @param version its version as the target names it; empty for none
 * @param targetReplicas the replica count it is scaled to now
 * @param averageOngoing the ongoing requests the autoscaler averaged at its last decision
 * @param desiredReplicas what the autoscaler wants, which applies once its delay has passed
 * @param replicas its replicas, oldest first
 * @param canary its canary, if it has one
 */
public record DeploymentStatus(String name, Health health, String message, Scaling scaling, String version,
        int targetReplicas, OptionalDouble averageOngoing, int desiredReplicas, List<ReplicaStatus> replicas,
        java.util.Optional<CanaryStatus> canary) {

    /**
     * A deployment's canary.
     *
     * @param trafficPercent the share of the calls its target gives it
     * @param servingPercent the share it takes now: nought until its replicas have all run
     * @param track its replicas, version and scaling, as a deployment's status
     */
    public record CanaryStatus(double trafficPercent, double servingPercent, DeploymentStatus track) {}

    /** Ray Serve's deployment states, less the ones about updates. */
    public enum Health {
        /** As many replicas run as it should have. */
        HEALTHY,
        /** Replicas are being started or stopped towards the target. */
        UPDATING,
        /** Its replicas failed (to start, their health checks, or their process died) and are being replaced. */
        UNHEALTHY
    }

    public DeploymentStatus {
        replicas = List.copyOf(replicas);
    }

    /** How many of its replicas take calls. */
    public int running() {
        return (int) replicas.stream().filter(replica -> replica.state() == ReplicaState.RUNNING).count();
    }

    /** The fewest replicas it must have running to serve: its fixed count, or its autoscaling minimum. */
    public int minimumReplicas() {
        return switch (scaling) {
            case Scaling.Fixed fixed -> fixed.replicas();
            case Scaling.Autoscaled autoscaled -> autoscaled.policy().minReplicas();
        };
    }
}
