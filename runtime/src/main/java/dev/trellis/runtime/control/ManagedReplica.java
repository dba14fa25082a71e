package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;

import dev.trellis.runtime.routing.ReplicaEndpoint;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One replica as the controller keeps it. Guarded by the controller's lock; only the controller reads
 * or changes it.
 */
final class ManagedReplica {

    final String id;
    ManagedDeployment deployment; // its track: changes when a canary is promoted
    ReplicaState state = ReplicaState.PENDING;
    String reason = "";
    boolean waitingForRoom; // pending because the node is full, not because restarts back off
    Placement.Assignment assignment; // null while pending
    DeploymentTarget target; // what it was placed and launched with; null while pending
    long placedNanos; // when it was placed and its start began
    long runningSinceNanos; // when it passed its first check
    BackendReplica handle; // set once the backend's start returned
    /** Completed with the handle (null if the backend refused) once a launch, if one was sent, has returned. */
    final java.util.concurrent.CompletableFuture<BackendReplica> launched = new java.util.concurrent.CompletableFuture<>();
    boolean launching; // a launch was sent: its handle is on its way
    ReplicaEndpoint endpoint; // set once it started; it joins the router after its first check
    Runnable pendingEvent; // an event the backend reported before its start returned
    final FailureCount healthFailures = new FailureCount();
    boolean healthCheckDue;
    boolean checking;
    Runnable cancelHealthTimer = () -> {};
    Optional<ReplicaReport> report = Optional.empty();
    boolean reporting;
    boolean inRouter;

    ManagedReplica(String id, ManagedDeployment deployment) {
        this.id = id;
        this.deployment = deployment;
    }

    /** Whether it counts towards the deployment's replicas: anything not on its way out. */
    boolean active() {
        return state != ReplicaState.STOPPING;
    }

    ReplicaStatus status() {
        return new ReplicaStatus(id, state, assignment == null ? "" : assignment.describe(),
                assignment == null ? OptionalInt.empty() : assignment.gpuDevice(),
                handle == null ? java.util.OptionalLong.empty() : handle.pid(), reason,
                (target != null ? target : deployment.target).version());
    }

    @Override
    public String toString() {
        return id + "[" + state + "]";
    }
}
