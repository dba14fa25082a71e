package dev.trellis.runtime.routing;

import java.util.List;

/**
 * What one router saw at one moment: the calls waiting in its queue and the calls running on each of
 * its replicas. Taken without a lock, so its numbers may be a moment apart; what the autoscaler and the
 * metrics read.
 *
 * @param deployment the deployment it routes to
 * @param queued calls waiting for a replica with room
 * @param replicas each replica's calls running through this router, in the router's order
 */
public record RouterStats(String deployment, int queued, List<ReplicaLoad> replicas) {

    public RouterStats {
        replicas = List.copyOf(replicas);
    }

    /**
     * One replica's load as the router sees it.
     *
     * @param id the replica's identity
     * @param ongoing calls running on it through this router
     * @param limit its {@code maxOngoingRequests}
     */
    public record ReplicaLoad(String id, int ongoing, int limit) {}

    /** The calls running on replica {@code id} through this router; 0 for a replica it does not have. */
    public int ongoing(String id) {
        return replicas.stream().filter(load -> load.id().equals(id)).mapToInt(ReplicaLoad::ongoing).sum();
    }

    /** The calls running on its replicas, over all of them. */
    public int running() {
        return replicas.stream().mapToInt(ReplicaLoad::ongoing).sum();
    }
}
