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

    /**
     * This membership as the control protocol announces it to callers elsewhere, {@code members} being where
     * its replicas listen.
     */
    public dev.trellis.runtime.grpc.ControlProtocol.SetMembers announcement(String deployment,
            List<dev.trellis.runtime.grpc.Member> members) {
        return new dev.trellis.runtime.grpc.ControlProtocol.SetMembers(deployment, members, canaries,
                (int) Math.round(canaryPercent * 100), java.util.Optional.of(
                        new dev.trellis.runtime.grpc.ControlProtocol.Limits(maxOngoingRequests, maxQueuedRequests)));
    }

    /**
     * Runs each announcement on a virtual thread of its own, all at once, and returns when all have ended (or
     * this thread is interrupted): a backend tells every caller of a deployment, and the controller's next
     * change waits for them.
     *
     * @param thread names each announcement's thread
     */
    public static <T> void tellEach(List<T> callers, java.util.function.Function<T, String> thread,
            java.util.function.Consumer<T> tell) {
        List<Thread> telling = callers.stream()
                .map(caller -> Thread.ofVirtual().name(thread.apply(caller)).start(() -> tell.accept(caller))).toList();
        for (Thread one : telling) {
            try {
                one.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
