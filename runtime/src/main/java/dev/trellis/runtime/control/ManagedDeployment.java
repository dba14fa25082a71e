package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.Scaling;
import dev.trellis.runtime.routing.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One deployment as the controller keeps it: its target, the replica count it is scaled to, its
 * replicas and how their starts have gone. Guarded by the controller's lock.
 */
final class ManagedDeployment {

    volatile DeploymentTarget target; // replaced, under the lock, when a new target is applied in place
    final Router router;
    Optional<AutoscalingPolicy> policy;
    final List<ManagedReplica> replicas = new ArrayList<>();
    boolean started; // the application's start has reached it: it is reconciled from now on
    int targetReplicas;
    AutoscalingPolicy.Decision lastDecision;
    long nextDecisionNanos;
    int failuresInARow; // failed starts, health replacements and deaths since a replacement proved healthy
    long lastFailureNanos; // when the last of them happened
    String lastFailure = "";
    Throwable lastFailureCause; // what the last failure threw, if anything: the cause of a failed start
    long restartNotBeforeNanos;
    boolean membersChanged;
    boolean cpuFallbackLogged;
    private int nextNumber;

    ManagedDeployment(DeploymentTarget target, Router router) {
        this.target = target;
        this.router = router;
        this.policy = policyOf(target);
    }

    private static Optional<AutoscalingPolicy> policyOf(DeploymentTarget target) {
        return target.scaling() instanceof Scaling.Autoscaled autoscaled
                ? Optional.of(new AutoscalingPolicy(autoscaled.policy()))
                : Optional.empty();
    }

    /**
     * Takes {@code next}: a fixed count is the new target count; new autoscaling bounds keep the count it
     * is at, within them, and decide afresh. When more than scaling differs, its replicas become outdated
     * and the controller's rounds roll them over.
     */
    void retarget(DeploymentTarget next, TargetChange change, long now) {
        boolean rescaled = !next.scaling().equals(target.scaling());
        if (change.kind() != TargetChange.Kind.ROLLED) {
            // The same replicas go on as of the new target; with a new configuration only those that run and
            // are handed it (one still starting began with the old one: it is rolled over).
            for (ManagedReplica replica : replicas) {
                if (replica.target == target && (!change.reconfigures() || replica.state == ReplicaState.RUNNING)) {
                    replica.target = next;
                }
            }
        }
        target = next;
        if (!rescaled) {
            return;
        }
        policy = policyOf(next);
        switch (next.scaling()) {
            case Scaling.Fixed fixed -> targetReplicas = fixed.replicas();
            case Scaling.Autoscaled autoscaled -> targetReplicas = Math.max(autoscaled.policy().minReplicas(),
                    Math.min(autoscaled.policy().maxReplicas(), targetReplicas));
        }
        lastDecision = null;
        nextDecisionNanos = now;
    }

    String name() {
        return target.name();
    }

    /** Its replicas have proved healthy again: no back-off, no failure to report. */
    void failuresEnded() {
        failuresInARow = 0;
        lastFailure = "";
        lastFailureCause = null;
    }

    /** A new replica, pending; numbered within the deployment. */
    ManagedReplica newReplica() {
        ManagedReplica replica = new ManagedReplica(name() + "-" + nextNumber++, this);
        replicas.add(replica);
        return replica;
    }

    /** Its replicas placed with an earlier target that still run or start: what a rolling update replaces. */
    List<ManagedReplica> outdated() {
        return replicas.stream().filter(replica -> replica.active() && replica.target != null && replica.target != target)
                .toList();
    }

    List<ManagedReplica> inState(ReplicaState state) {
        return replicas.stream().filter(replica -> replica.state == state).toList();
    }

    long active() {
        return replicas.stream().filter(ManagedReplica::active).count();
    }

    /** Every replica in the router, in order: who the deployment's callers may call. */
    List<ManagedReplica> members() {
        return replicas.stream().filter(replica -> replica.inRouter).toList();
    }

    DeploymentStatus status() {
        int running = inState(ReplicaState.RUNNING).size();
        DeploymentStatus.Health health;
        String message;
        int outdated = outdated().size();
        if (outdated > 0 && failuresInARow < dev.trellis.runtime.graph.HealthSpec.FAILURES_TO_REPLACE) {
            health = DeploymentStatus.Health.UPDATING;
            message = "rolling to a new target: " + outdated + " replica" + (outdated == 1 ? "" : "s")
                    + " of the previous one still to replace" + (failuresInARow > 0 ? "; " + lastFailure : "");
        } else if (failuresInARow >= dev.trellis.runtime.graph.HealthSpec.FAILURES_TO_REPLACE) {
            health = DeploymentStatus.Health.UNHEALTHY; // its replicas keep failing: not a one-off
            message = lastFailure;
        } else if (failuresInARow > 0) {
            health = DeploymentStatus.Health.UPDATING;
            message = "replacing a failed replica: " + lastFailure;
        } else if (running == targetReplicas && active() == targetReplicas) {
            health = DeploymentStatus.Health.HEALTHY;
            message = lastDecision == null ? "" : lastDecision.pending();
        } else {
            health = DeploymentStatus.Health.UPDATING;
            message = (running < targetReplicas ? "scaling up to " : "scaling down to ") + targetReplicas
                    + " replicas";
            List<ManagedReplica> pending = inState(ReplicaState.PENDING);
            if (!pending.isEmpty() && !pending.get(0).reason.isEmpty()) {
                message += "; " + pending.size() + " pending: " + pending.get(0).reason;
            }
        }
        return new DeploymentStatus(name(), health, message, target.scaling(), target.version(), targetReplicas,
                lastDecision == null ? OptionalDouble.empty() : OptionalDouble.of(lastDecision.averageOngoing()),
                lastDecision == null ? targetReplicas : lastDecision.desiredReplicas(),
                replicas.stream().map(ManagedReplica::status).toList());
    }
}
