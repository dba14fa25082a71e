package dev.trellis.runtime.routing;

import dev.trellis.runtime.time.RandomSource;
import java.util.List;

/**
 * Chooses the replica for one call by the power of two choices: sample two distinct replicas and take
 * the one running fewer calls. That avoids both the herding of "always the least loaded" (every
 * router sees the same minimum) and the imbalance of a purely random choice.
 *
 * <p>A picker is an immutable snapshot of the replica list. The router builds a new one whenever the
 * membership changes and publishes it, so {@link #pick()} takes no lock; it never throws, and it
 * never chooses a replica at its {@code maxOngoingRequests}: it returns a replica only after acquiring
 * one of its slots.
 */
final class Picker {

    private final List<Replica> replicas;
    private final RandomSource random;

    Picker(List<Replica> replicas, RandomSource random) {
        this.replicas = List.copyOf(replicas);
        this.random = random;
    }

    /**
     * Picks a replica and acquires a slot on it: the less loaded of two sampled replicas (the first
     * sampled on a tie), else the other one, else the least loaded replica that still has room.
     *
     * @return the replica holding a slot for the call, or {@link PickResult#none()} if all are full
     */
    PickResult pick() {
        return pick(null);
    }

    /**
     * Like {@link #pick()}, for a call addressed to {@code modelId}: among the replicas that hold that
     * model and have room, if any, else among all (the call spills to a replica that will load it).
     */
    PickResult pick(String modelId) {
        if (modelId != null) {
            List<Replica> holding = replicas.stream().filter(replica -> replica.holdsModel(modelId)).toList();
            if (!holding.isEmpty()) {
                PickResult held = new Picker(holding, random).pick(null);
                if (held.hasReplica()) {
                    return held;
                }
            }
        }
        int size = replicas.size();
        if (size == 0) {
            return PickResult.none();
        }
        if (size == 1) {
            return tryAcquire(replicas.get(0));
        }
        int first = sample(size);
        int second = sample(size - 1);
        if (second >= first) {
            second++; // maps [0, size - 1) onto the indexes other than first, so the two differ
        }
        Replica a = replicas.get(first);
        Replica b = replicas.get(second);
        Replica preferred = b.ongoing() < a.ongoing() ? b : a;
        Replica other = preferred == a ? b : a;
        if (preferred.tryAcquire()) {
            return PickResult.acquired(preferred);
        }
        if (other.tryAcquire()) {
            return PickResult.acquired(other);
        }
        return leastLoadedWithRoom();
    }

    /**
     * The fallback when both samples were full. Tries replicas from the least loaded up; a replica
     * that fills up between the scan and the acquisition is skipped, so this ends after at most one
     * attempt per replica.
     */
    private PickResult leastLoadedWithRoom() {
        int size = replicas.size();
        boolean[] tried = new boolean[size];
        for (int attempt = 0; attempt < size; attempt++) {
            int best = -1;
            int bestOngoing = Integer.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                Replica candidate = replicas.get(i);
                int ongoing = candidate.ongoing();
                if (!tried[i] && candidate.hasRoom() && ongoing < bestOngoing) {
                    best = i;
                    bestOngoing = ongoing;
                }
            }
            if (best < 0) {
                return PickResult.none();
            }
            tried[best] = true;
            PickResult result = tryAcquire(replicas.get(best));
            if (result.hasReplica()) {
                return result;
            }
        }
        return PickResult.none();
    }

    private static PickResult tryAcquire(Replica replica) {
        return replica.tryAcquire() ? PickResult.acquired(replica) : PickResult.none();
    }

    /** A random index below {@code bound}, kept in range whatever the random source returns. */
    private int sample(int bound) {
        return Math.floorMod(random.nextInt(bound), bound);
    }

    int size() {
        return replicas.size();
    }

    /** The replicas it picks from, in the router's order. */
    List<Replica> replicas() {
        return replicas;
    }
}
