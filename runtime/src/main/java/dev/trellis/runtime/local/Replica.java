package dev.trellis.runtime.local;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.spi.Dispatcher;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One running instance of a deployment. Each call gets its own virtual thread, because user code
 * blocks (model inference, waiting on downstream responses) and a platform thread per call would not
 * scale; the {@link ConcurrencyLimit} is what bounds the work, not a pool size.
 *
 * <p>The router acquires a slot through {@link #tryAcquire()} before it hands a call to
 * {@link #start}; the replica gives the slot back when the user code returns, then tells the router,
 * which may have calls waiting for exactly that slot.
 *
 * @param <T> the deployment class
 */
final class Replica<T> {

    private final String deployment;
    private final int index;
    private final T instance;
    private final Dispatcher<T> dispatcher;
    private final ConcurrencyLimit slots;
    private final Runnable onSlotReleased;
    private final ExecutorService executor;

    /**
     * @param deployment the deployment's name, for thread names and error messages
     * @param index the replica's position within its deployment
     * @param instance the user's object, built by the deployment's factory
     * @param dispatcher calls the instance's methods by index
     * @param maxOngoingRequests how many calls may run at once
     * @param onSlotReleased runs after every call, once its slot is free again
     */
    Replica(String deployment, int index, T instance, Dispatcher<T> dispatcher, int maxOngoingRequests,
            Runnable onSlotReleased) {
        this.deployment = deployment;
        this.index = index;
        this.instance = instance;
        this.dispatcher = dispatcher;
        this.slots = new ConcurrencyLimit(maxOngoingRequests);
        this.onSlotReleased = onSlotReleased;
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trellis-" + deployment + "-" + index + "-", 0).factory());
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

    /**
     * Runs {@code call} on a new virtual thread, in a slot the caller has already acquired. Never
     * throws: a replica that is shutting down fails the call instead.
     */
    void start(Call<?> call) {
        try {
            executor.execute(() -> run(call));
        } catch (RejectedExecutionException e) {
            call.fail(new ApplicationClosedException(call.method()));
            releaseSlot();
        }
    }

    private void run(Call<?> call) {
        try {
            if (call.isDone()) {
                return; // cancelled while it was being assigned: it never reaches user code
            }
            interruptOnCancel(call, Thread.currentThread());
            call.complete(dispatcher.dispatch(instance, call.method().index(), call.args()));
        } catch (Throwable failure) {
            call.fail(new DeploymentException(deployment, call.method() + " failed: " + describe(failure), failure));
        } finally {
            releaseSlot();
        }
    }

    /**
     * Cancelling a response interrupts the user code that computes it, so that a blocking model call or
     * a wait on a downstream response can stop early. The thread runs this one call only, so an
     * interrupt that arrives just after the user code returned reaches nothing else.
     */
    private static void interruptOnCancel(Call<?> call, Thread runner) {
        call.result().whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                runner.interrupt();
            }
        });
    }

    private void releaseSlot() {
        slots.release();
        onSlotReleased.run();
    }

    /** Stops accepting calls; running calls go on. */
    void shutdown() {
        executor.shutdown();
    }

    /**
     * Waits until the running calls have finished or the deadline has passed, then interrupts those
     * still running.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return whether every call finished before the deadline
     */
    boolean awaitTermination(long deadlineNanos) {
        executor.shutdown();
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            if (executor.awaitTermination(remaining, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    @Override
    public String toString() {
        return deployment + "#" + index;
    }

    static String describe(Throwable failure) {
        String type = failure.getClass().getSimpleName().isEmpty()
                ? failure.getClass().getName()
                : failure.getClass().getSimpleName();
        return failure.getMessage() == null ? type : type + ": " + failure.getMessage();
    }
}
