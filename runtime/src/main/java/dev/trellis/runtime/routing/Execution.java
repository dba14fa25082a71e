package dev.trellis.runtime.routing;

/**
 * How a replica runs the calls a router gives it: on a virtual thread against an instance in this JVM
 * ({@code replica.InstanceExecution}), or by forwarding them to a replica in another process
 * ({@link ForwardingExecution}).
 */
public interface Execution {

    /**
     * Starts {@code call}; runs {@code done} exactly once when the call has finished, however it ended.
     * Never throws.
     *
     * @return whether it took the call; false if it is stopping and never started it: {@code done} is not
     *     run, and the router sends the call to another replica
     */
    boolean execute(Call<?> call, Runnable done);

    /** Whether it holds the model {@code modelId} of a multiplexed deployment, as far as it knows. */
    default boolean holdsModel(String modelId) {
        return false;
    }

    /** Stops accepting calls; running calls go on. */
    void shutdown();

    /**
     * Waits for the running calls until the deadline, then stops those still running.
     *
     * @param deadlineNanos a value of the router's ticker
     * @return whether every call finished in time
     */
    boolean awaitTermination(long deadlineNanos);
}
