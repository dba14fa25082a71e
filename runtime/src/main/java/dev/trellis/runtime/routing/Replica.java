package dev.trellis.runtime.routing;

/**
 * One replica of a deployment as its router sees it: a number of slots ({@code maxOngoingRequests})
 * and a way to run calls ({@link Execution}), in this JVM or in another process.
 *
 * <p>The router acquires a slot through {@link #tryAcquire()} before it hands a call to
 * {@link #start}; the replica gives the slot back when the call has finished, then tells the router,
 * which may have calls waiting for exactly that slot.
 */
public final class Replica {

    private final String deployment;
    private final String id;
    private final Execution execution;
    private final ConcurrencyLimit slots;
    private final Runnable onSlotReleased;
    private final java.util.function.BiConsumer<Call<?>, RuntimeException> refused;

    /**
     * @param onSlotReleased runs after every call, once its slot is free again
     * @param refused gets a call the replica would not take because it is stopping, to send elsewhere
     */
    Replica(String deployment, String id, Execution execution, int maxOngoingRequests, Runnable onSlotReleased,
            java.util.function.BiConsumer<Call<?>, RuntimeException> refused) {
        this.deployment = deployment;
        this.id = java.util.Objects.requireNonNull(id, "id");
        this.execution = java.util.Objects.requireNonNull(execution, "execution");
        this.slots = new ConcurrencyLimit(maxOngoingRequests);
        this.onSlotReleased = onSlotReleased;
        this.refused = refused;
    }

    /** Whether it holds the model {@code modelId} (loaded or loading), as far as this router knows. */
    boolean holdsModel(String modelId) {
        return execution.holdsModel(modelId);
    }

    /** The replica's identity within its deployment. */
    public String id() {
        return id;
    }

    /** Takes one of the replica's slots if it has room; see {@link Picker}. */
    boolean tryAcquire() {
        return slots.tryAcquire();
    }

    /** The calls running now (through this router). */
    public int ongoing() {
        return slots.ongoing();
    }

    /** Takes a new {@code maxOngoingRequests}; see {@link ConcurrencyLimit#setLimit}. */
    void setLimit(int maxOngoingRequests) {
        slots.setLimit(maxOngoingRequests);
    }

    /** Its {@code maxOngoingRequests}. */
    public int limit() {
        return slots.limit();
    }

    /** Whether a call could start now; a snapshot, so only {@link #tryAcquire()} decides. */
    boolean hasRoom() {
        return slots.ongoing() < slots.limit();
    }

    /**
     * Runs {@code call} in a slot the caller has already acquired; a replica that is stopping (it was
     * picked just before it left rotation) gives the slot back and the call goes elsewhere. Never throws.
     */
    void start(Call<?> call) {
        if (!execution.execute(call, this::releaseSlot)) {
            releaseSlot();
            refused.accept(call, new dev.trellis.runtime.ReplicaUnreachableException(deployment, "Replica " + this
                    + " is stopping and did not take " + call.method(), null));
        }
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
     * @param deadlineNanos a value of the router's ticker
     * @return whether every call finished before the deadline
     */
    public boolean awaitTermination(long deadlineNanos) {
        return execution.awaitTermination(deadlineNanos);
    }

    @Override
    public String toString() {
        return deployment + "#" + id;
    }
}
