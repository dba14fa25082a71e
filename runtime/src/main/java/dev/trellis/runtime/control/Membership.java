package dev.trellis.runtime.control;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who takes a deployment's calls now, as the controller announces it to its callers: the replicas in
 * rotation and, for a deployment with a canary, which of them are the canary's and the share of the
 * calls it takes.
 *
 * @param replicas the replicas that take calls, in order
 * @param canaries the ids of the canary's replicas, those in rotation and those still on their way
 * @param canaryPercent the canary's share of the calls, from 0 to 100; 0 without a canary
 * @param maxOngoingRequests the deployment's limits now, which its callers' routers take
 * @param maxQueuedRequests calls that may wait for one of its replicas; -1 for no limit
 */
public record Membership(List<BackendReplica> replicas, Set<String> canaries, double canaryPercent,
        int maxOngoingRequests, int maxQueuedRequests) {

    public Membership {
        replicas = List.copyOf(replicas);
        canaries = Set.copyOf(Objects.requireNonNull(canaries, "canaries"));
        if (!(canaryPercent >= 0 && canaryPercent <= 100)) {
            throw new IllegalArgumentException("canaryPercent must be from 0 to 100, was " + canaryPercent);
        }
    }
}
