package dev.trellis.runtime.control;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/** One replica as a backend runs it: what the controller checks, measures and stops. */
public interface BackendReplica {

    /** Its identity, as the launch gave it. */
    String id();

    /**
     * Runs its health check once; the answer arrives within {@code timeout} (a check that hangs counts
     * as a failure then).
     *
     * @return completes with what was wrong, or empty when it is healthy; never exceptionally
     */
    CompletionStage<Optional<String>> checkHealth(Duration timeout);

    /**
     * Its own account of its load: the calls it runs, the calls its routers hold for the deployments it
     * calls, the batches it ran.
     *
     * @return completes with the report, or empty when it cannot answer now; never exceptionally
     */
    CompletionStage<Optional<ReplicaReport>> report();

    /**
     * Stops it: no new calls, running calls get {@code grace} to finish, then it is stopped for good. Safe
     * to call more than once, also while it is still starting (the start is abandoned).
     *
     * @return completes once it has stopped
     */
    CompletionStage<Void> stop(Duration grace);

    /**
     * Hands the running replica a new configuration through its {@code @Reconfigure} method, while it
     * serves.
     *
     * @return completes with what went wrong, or empty when it took it; never exceptionally
     */
    default CompletionStage<Optional<String>> reconfigure(java.util.Map<String, Object> config) {
        return java.util.concurrent.CompletableFuture.completedFuture(
                Optional.of("this backend cannot reconfigure a running replica"));
    }

    /**
     * Gives the replica its deployment's new concurrency limits, for a replica that holds them itself (one in
     * a process of its own runs its callers' calls through a router of its own); by default it holds none:
     * the routers in the controller's JVM do.
     *
     * @return completes with what went wrong, or empty when it took them; never exceptionally
     */
    default CompletionStage<Optional<String>> setLimits(int maxOngoingRequests, int maxQueuedRequests) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }

    /** The id of its operating-system process, for a replica that has one of its own. */
    default OptionalLong pid() {
        return OptionalLong.empty();
    }
}
