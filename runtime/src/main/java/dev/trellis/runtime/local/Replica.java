package dev.trellis.runtime.local;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.spi.Dispatcher;

/**
 * One replica of a deployment as its router sees it: a number of slots ({@code maxOngoingRequests})
 * and a way to run calls, here or in another process.
 *
 * <p>The router acquires a slot through {@link #tryAcquire()} before it hands a call to
 * {@link #start}; the replica gives the slot back when the call has finished, then tells the router,
 * which may have calls waiting for exactly that slot.
 */
final class Replica {

    private final String deployment;
    private final String id;
    private final Execution execution;
    private final ConcurrencyLimit slots;
    private final Runnable onSlotReleased;

    private Replica(String deployment, String id, Execution execution, int maxOngoingRequests,
            Runnable onSlotReleased) {
        this.deployment = deployment;
        this.id = id;
        this.execution = execution;
        this.slots = new ConcurrencyLimit(maxOngoingRequests);
        this.onSlotReleased = onSlotReleased;
    }

    /**
     * A replica running {@code instance} in this JVM.
     *
     * @param index the replica's position within its deployment, for thread names
     * @param onSlotReleased runs after every call, once its slot is free again
     */
    static <T> Replica local(String deployment, int index, T instance, Dispatcher<T> dispatcher,
            int maxOngoingRequests, Runnable onSlotReleased, Ticker ticker) {
        InstanceExecution<T> execution = new InstanceExecution<>(deployment, index, instance, dispatcher, ticker);
        return new Replica(deployment, Integer.toString(index), execution, maxOngoingRequests, onSlotReleased);
    }

    /**
     * A replica in another process, reached through {@code target}; calls it could not reach go to
     * {@code unreachable} instead of failing.
     *
     * @param id the replica's identity in its deployment, by which it is removed again
     */
    static Replica forwarding(String deployment, String id, DeploymentChannel target, int maxOngoingRequests,
            Runnable onSlotReleased, java.util.function.BiConsumer<Call<?>, RuntimeException> unreachable,
            int maxModelsPerReplica) {
        return new Replica(deployment, id, new ForwardingExecution(target, unreachable, maxModelsPerReplica),
                maxOngoingRequests, onSlotReleased);
    }

    /** How many batches of each size each {@code @Batch} method ran here, by method index; none for a remote replica. */
    java.util.Map<Integer, long[]> batchSizes() {
        return execution instanceof InstanceExecution<?> local ? local.batchSizes() : java.util.Map.of();
    }

    /** Whether it holds the model {@code modelId} (loaded or loading), as far as this router knows. */
    boolean holdsModel(String modelId) {
        return execution.holdsModel(modelId);
    }

    /** The replica's identity within its deployment. */
    String id() {
        return id;
    }

    /** Takes one of the replica's slots if it has room; see {@link Picker}. */
    boolean tryAcquire() {
        return slots.tryAcquire();
    }

    /** The calls running now. */
    int ongoing() {
        return slots.ongoing();
    }

    /** Whether a call could start now; a snapshot, so only {@link #tryAcquire()} decides. */
    boolean hasRoom() {
        return slots.ongoing() < slots.limit();
    }

    /** Runs {@code call} in a slot the caller has already acquired. Never throws. */
    void start(Call<?> call) {
        execution.execute(call, this::releaseSlot);
    }

    private void releaseSlot() {
        slots.release();
        onSlotReleased.run();
    }

    /** Stops accepting calls; running calls go on. */
    void shutdown() {
        execution.shutdown();
    }

    /**
     * Waits until the running calls have finished or the deadline has passed, then stops those still
     * running.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return whether every call finished before the deadline
     */
    boolean awaitTermination(long deadlineNanos) {
        return execution.awaitTermination(deadlineNanos);
    }

    @Override
    public String toString() {
        return deployment + "#" + id;
    }

    static String describe(Throwable failure) {
        String type = failure.getClass().getSimpleName().isEmpty()
                ? failure.getClass().getName()
                : failure.getClass().getSimpleName();
        return failure.getMessage() == null ? type : type + ": " + failure.getMessage();
    }
}
