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
 *
 * <p>A deployment with a canary has a second track of replicas, kept as a managed deployment of its own
 * ({@link #canary}): it scales, rolls and is checked like the first, shares its router, and takes the
 * share of the calls its target says once all its replicas have run.
 */
final class ManagedDeployment {

    volatile DeploymentTarget target; // without a canary; replaced, under the lock, when a new target is applied
    final Router router;
    private final String idPrefix;
    private final ManagedDeployment owner; // the deployment whose canary this track is; itself for the deployment
    ManagedDeployment canary; // the canary's track, if it has one
    double trafficPercent; // a canary's share of the calls, as its target says
    boolean serving; // a canary's replicas have all run once: it takes its share from now on
    java.util.Set<String> publishedCanaries = java.util.Set.of(); // the split the router was last given
    double publishedPercent;
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
    private int nextNumber; // of its own replicas; a canary's are numbered by its deployment's nextCanaryNumber
    private int nextCanaryNumber; // across its canaries: a promoted canary's replicas may still drain as a new one starts

    ManagedDeployment(DeploymentTarget target, Router router) {
        this(target, router, null);
    }

    private ManagedDeployment(DeploymentTarget target, Router router, ManagedDeployment owner) {
        this.target = target.withoutCanary();
        this.router = router;
        this.owner = owner == null ? this : owner;
        // A deployment name has no dot ([A-Za-z][A-Za-z0-9_-]*): no deployment's replica is named like a canary's.
        this.idPrefix = owner == null ? target.name() : target.name() + ".canary";
        this.policy = policyOf(target);
    }

    /** A new canary track of this deployment, not yet started. */
    ManagedDeployment newCanary(DeploymentTarget.Canary canary) {
        ManagedDeployment track = new ManagedDeployment(canary.target(), router, this);
        track.trafficPercent = canary.trafficPercent();
        this.canary = track;
        return track;
    }

    boolean isCanary() {
        return owner != this;
    }

    /** The deployment whose track this is: itself, or the deployment of a canary. */
    ManagedDeployment owner() {
        return owner;
    }

    /** The share of the calls its canary takes now: nought until the canary's replicas have all run. */
    double canaryPercent() {
        return canary != null && canary.serving ? canary.trafficPercent : 0;
    }

    /** The ids of its canary's replicas, whatever their state: the router labels them as they join. */
    java.util.Set<String> canaryIds() {
        if (canary == null) {
            return java.util.Set.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        canary.replicas.forEach(replica -> ids.add(replica.id));
        return ids;
    }

    /** Its replicas and its canary's. */
    List<ManagedReplica> allReplicas() {
        if (canary == null) {
            return replicas;
        }
        List<ManagedReplica> all = new ArrayList<>(replicas);
        all.addAll(canary.replicas);
        return all;
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
            // The same replicas go on as of the new target; with a new configuration or new limits only those
            // that run and are handed them (one still starting began with the old ones: it is rolled over).
            boolean handedOver = change.reconfigures() || change.relimits();
            for (ManagedReplica replica : replicas) {
                if (replica.target == target && (!handedOver || replica.state == ReplicaState.RUNNING)) {
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
        int number = isCanary() ? owner.nextCanaryNumber++ : nextNumber++;
        ManagedReplica replica = new ManagedReplica(idPrefix + "-" + number, this);
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

    /** Every replica in the router, its canary's too, in order: who the deployment's callers may call. */
    List<ManagedReplica> members() {
        return allReplicas().stream().filter(replica -> replica.inRouter).toList();
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
        } else if (isCanary() && !serving) {
            health = DeploymentStatus.Health.UPDATING;
            message = "starting: it takes its " + percent(trafficPercent) + "% of the calls once its " + targetReplicas
                    + " replicas run (" + running + " do)";
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
                replicas.stream().map(ManagedReplica::status).toList(),
                canary == null ? Optional.empty() : Optional.of(new DeploymentStatus.CanaryStatus(canary.trafficPercent,
                        canaryPercent(), canary.status())));
    }

    /** A share as people write it: 25, 12.5. */
    static String percent(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
