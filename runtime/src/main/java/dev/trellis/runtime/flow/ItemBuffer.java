package dev.trellis.runtime.flow;

import dev.trellis.runtime.time.Ticker;
import dev.trellis.runtime.time.TimedWait;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The items of one streaming call on their way from the producer (the replica iterating the user's
 * {@code Stream}, or a gRPC stream from another process) to the consumer (a
 * {@code DeploymentStream}, the gRPC service, the HTTP ingress). Bounded: a producer
 * that runs ahead of its consumer waits ({@link #put}) or is flow-controlled to never send more than the
 * free room ({@link #offer} with {@link #onTake}), so a slow reader holds back a fast model instead of
 * filling the heap.
 *
 * <p>It ends once: the producer finishes or fails, the consumer cancels, or the call's deadline aborts
 * it. Items already buffered are still read after a finish or a failure (the failure comes after them);
 * cancelling drops them.
 *
 * @param <T> the item type
 */
public final class ItemBuffer<T> {

    /** How many items a stream buffers between producer and consumer unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 16;

    private final int capacity;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private boolean cancelled; // guarded by lock
    private RuntimeException failure; // guarded by lock
    private Runnable stopProducer; // guarded by lock
    private Runnable onTake = () -> {}; // set before the first item
    private final List<Runnable> whenEnded = new ArrayList<>(); // guarded by lock
    private boolean ended; // guarded by lock

    /** A buffer of {@code capacity} items whose deadlines are read from {@code ticker}. */
    public ItemBuffer(int capacity, Ticker ticker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
    }

    public ItemBuffer(int capacity) {
        this(capacity, Ticker.system());
    }

    public ItemBuffer() {
        this(DEFAULT_CAPACITY);
    }

    /** How many items it holds at most. */
    public int capacity() {
        return capacity;
    }

    // ---- producer side ----

    /**
     * Adds an item, waiting while the buffer is full.
     *
     * @param deadlineNanos a value of the buffer's ticker, or {@link Ticker#NO_DEADLINE}
     * @return whether the item was taken; false once the stream has ended (cancelled or aborted): the
     *     producer stops
     * @throws TimeoutException if the buffer stayed full until the deadline
     */
    public boolean put(T item, long deadlineNanos) throws InterruptedException, TimeoutException {
        requireItem(item);
        lock.lock();
        try {
            while (!ended && items.size() >= capacity) {
                if (!awaitChange(deadlineNanos)) {
                    throw new TimeoutException("the stream's reader did not keep up before the deadline");
                }
            }
            if (ended) {
                return false;
            }
            items.add(item);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds an item without waiting, for a producer that {@link #onTake} flow-controls to the free room
     * (a gRPC stream asking for one message per item taken). Ignored once the stream has ended.
     */
    public void offer(T item) {
        requireItem(item);
        lock.lock();
        try {
            if (!ended) {
                items.add(item);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The producer produced everything; the reader gets the buffered items, then the end. */
    public void finish() {
        end(null, false);
    }

    /** The producer failed; the reader gets the buffered items, then {@code failure}. */
    public void fail(RuntimeException failure) {
        end(failure, false);
    }

    /**
     * Ends the stream from outside (its deadline passed): the producer is stopped, the reader gets the
     * buffered items, then {@code failure}.
     */
    public void abort(RuntimeException failure) {
        end(failure, true);
    }

    /**
     * How to stop the producer when the reader cancels or the stream is aborted; runs at once if that
     * already happened.
     */
    public void onStop(Runnable stop) {
        boolean now;
        lock.lock();
        try {
            now = cancelled;
            stopProducer = stop;
        } finally {
            lock.unlock();
        }
        if (now) {
            stop.run();
        }
    }

    /** Runs after each item the reader takes, on its thread; set before the first item arrives. */
    public void onTake(Runnable action) {
        this.onTake = action;
    }

    /** Runs once the stream has ended, however it ended; at once if it has. Must not block. */
    public void whenEnded(Runnable action) {
        lock.lock();
        try {
            if (!ended) {
                whenEnded.add(action);
                return;
            }
        } finally {
            lock.unlock();
        }
        action.run();
    }

    /** Why the stream ended short: the producer's failure or the abort's; empty while it runs or when it finished. */
    public java.util.Optional<RuntimeException> failure() {
        lock.lock();
        try {
            return java.util.Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader cancelled (or the stream was aborted): the producer should stop. */
    public boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    // ---- consumer side ----

    /**
     * The next item, waiting for it until the deadline.
     *
     * @return the item; {@code null} once the stream finished and every item was read
     * @throws RuntimeException the producer's failure, once the items before it were read
     * @throws CancellationException if the reader cancelled
     * @throws TimeoutException if no item came before the deadline
     */
    public T take(long deadlineNanos) throws InterruptedException, TimeoutException {
        T item;
        lock.lock();
        try {
            while (items.isEmpty() && !ended) {
                if (!awaitChange(deadlineNanos)) {
                    throw new TimeoutException("no item before the deadline");
                }
            }
            item = items.poll();
            if (item == null) {
                if (cancelled && failure == null) {
                    throw new CancellationException("the stream was cancelled");
                }
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        onTake.run();
        return item;
    }

    /** Like {@link #take(long)} without a deadline. */
    public T take() throws InterruptedException {
        try {
            return take(Ticker.NO_DEADLINE);
        } catch (TimeoutException e) {
            throw new AssertionError("no deadline, no timeout", e);
        }
    }

    /** The reader stops reading: buffered items are dropped and the producer is stopped. */
    public void cancel() {
        Runnable stop;
        List<Runnable> actions;
        lock.lock();
        try {
            if (ended && !items.isEmpty()) {
                items.clear(); // finished but unread: nothing to stop, the rest is dropped
            }
            if (ended) {
                return;
            }
            items.clear();
            cancelled = true;
            stop = stopProducer;
            actions = endLocked();
        } finally {
            lock.unlock();
        }
        if (stop != null) {
            stop.run();
        }
        actions.forEach(Runnable::run);
    }

    private void end(RuntimeException failure, boolean stop) {
        Runnable stopper = null;
        List<Runnable> actions;
        lock.lock();
        try {
            if (ended) {
                return;
            }
            this.failure = failure;
            if (stop) {
                cancelled = true;
                stopper = stopProducer;
            }
            actions = endLocked();
        } finally {
            lock.unlock();
        }
        if (stopper != null) {
            stopper.run();
        }
        actions.forEach(Runnable::run);
    }

    private boolean awaitChange(long deadlineNanos) throws InterruptedException {
        return TimedWait.await(lock, changed, ticker, deadlineNanos);
    }

    private List<Runnable> endLocked() {
        ended = true;
        changed.signalAll();
        List<Runnable> actions = List.copyOf(whenEnded);
        whenEnded.clear();
        return actions;
    }

    private static void requireItem(Object item) {
        if (item == null) {
            throw new NullPointerException("a stream item must not be null");
        }
    }
}
