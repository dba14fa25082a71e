package dev.trellis.runtime.routing;

import dev.trellis.runtime.time.RandomSource;
import java.util.List;

/**
 * Chooses the replica for one call by the power of two choices: sample two distinct replicas and take
 * the one running fewer calls. That avoids both the herding of "always the least loaded" (every
 * router sees the same minimum) and the imbalance of a purely random choice.
 *
 * <p>A deployment with a canary has two tracks of replicas, its own and the canary's: each call first
 * draws its track, the canary's with the canary's share of the calls (a call for a model by the model's
 * id, so that each model stays on one version), and picks within it; only when that track has no room
 * does the call go to the other, unless the other's share is nought. So the split holds exactly while
 * both tracks have room, and a full track spills rather than queues.
 *
 * <p>A picker is an immutable snapshot of the replica list. The router builds a new one whenever the
 * membership changes and publishes it, so {@link #pick()} takes no lock; it never throws, and it
 * never chooses a replica at its {@code maxOngoingRequests}: it returns a replica only after acquiring
 * one of its slots.
 */
final class Picker {

    /** The canary's share is kept in basis points: a hundredth of a percent. */
    static final int ALL = 10_000;

    private final List<Replica> replicas;
    private final RandomSource random;
    private final Picker own; // null unless there is a canary: then its replicas' and the canary's pickers
    private final Picker canary;
    private final int canaryBasisPoints;

    Picker(List<Replica> replicas, RandomSource random) {
        this.replicas = List.copyOf(replicas);
        this.random = random;
        this.own = null;
        this.canary = null;
        this.canaryBasisPoints = 0;
    }

    /**
     * A picker of {@code replicas}, of which those named in {@code canaries} are the canary's, taking
     * {@code canaryBasisPoints} of every {@value #ALL} calls.
     */
    Picker(List<Replica> replicas, java.util.Set<String> canaries, int canaryBasisPoints, RandomSource random) {
        this.replicas = List.copyOf(replicas);
        this.random = random;
        List<Replica> canaryReplicas = replicas.stream().filter(replica -> canaries.contains(replica.id())).toList();
        if (canaryReplicas.isEmpty() && canaryBasisPoints == 0) {
            this.own = null;
            this.canary = null;
            this.canaryBasisPoints = 0;
        } else {
            this.own = new Picker(replicas.stream().filter(replica -> !canaries.contains(replica.id())).toList(), random);
            this.canary = new Picker(canaryReplicas, random);
            this.canaryBasisPoints = Math.max(0, Math.min(ALL, canaryBasisPoints));
        }
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
        if (own != null) {
            return pickTrack(modelId);
        }
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

    private PickResult pickTrack(String modelId) {
        if (canaryBasisPoints == 0 || canary.size() == 0) {
            return own.pick(modelId); // an empty canary track takes nothing: its share waits for its replicas
        }
        if (canaryBasisPoints == ALL || own.size() == 0) {
            return canary.pick(modelId);
        }
        boolean toCanary = draw(modelId) < canaryBasisPoints;
        PickResult first = (toCanary ? canary : own).pick(modelId);
        return first.hasReplica() ? first : (toCanary ? own : canary).pick(modelId);
    }

    /** A number below {@value #ALL}: at random, or from the model's id, the same each time for one model. */
    private int draw(String modelId) {
        if (modelId == null) {
            return Math.floorMod(random.nextInt(ALL), ALL);
        }
        int hash = modelId.hashCode() * 0x9E3779B9; // spreads ids that differ in their last characters only
        return Math.floorMod(hash ^ (hash >>> 16), ALL);
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
