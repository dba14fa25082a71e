package dev.trellis.runtime;

import dev.trellis.runtime.flow.ItemBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a call of a streaming method (one that returns {@code Stream<T>}), read as the replica
 * produces them. A handle's method returns one at once; {@link #hasNext()} waits for the next item.
 *
 * <p>Reading is bounded: the replica produces at most a few items ahead of the reader, so a slow reader
 * slows the producer instead of filling memory. {@link #cancel()} (or {@link #close()} before the end)
 * stops the producer, in this process or another; so does the deadline of the request the call serves.
 * A failure of the producer arrives, after the items it produced before, as a
 * {@link DeploymentException} from {@link #hasNext()}. Not thread-safe: one reader at a time.
 *
 * @param <T> the item type
 */
public final class DeploymentStream<T> implements Iterator<T>, AutoCloseable {

    private final DeploymentResponse<?> opened;
    private ItemBuffer<T> buffer;
    private T next;
    private boolean done;

    private DeploymentStream(DeploymentResponse<?> opened) {
        this.opened = opened;
    }

    /**
     * The stream of a streaming call, whose response completes with the call's {@link ItemBuffer} once a
     * replica has started it (the runtime's contract for methods whose {@link DeploymentMethod#streaming()}
     * is set).
     */
    public static <T> DeploymentStream<T> of(DeploymentResponse<?> opened) {
        return new DeploymentStream<>(opened);
    }

    /**
     * Whether there is another item, waiting for it.
     *
     * @throws DeploymentException if the call failed: its replica failed, it ran out of its deadline, or
     *     it could not be started (back-pressure, an unknown model)
     * @throws CancellationException if the stream was cancelled
     */
    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            next = buffer().take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CancellationException("interrupted while waiting for the next item");
        } catch (RuntimeException e) {
            done = true;
            throw e;
        }
        if (next == null) {
            done = true;
            return false;
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        T item = next;
        next = null;
        return item;
    }

    /** Stops the producer and drops what it produced and was not read; no effect once the stream ended. */
    public void cancel() {
        done = true;
        next = null;
        if (buffer != null) {
            buffer.cancel();
        } else {
            if (!opened.cancel()) {
                opened.onCompletion((value, failure) -> {
                    if (failure == null) {
                        bufferOf(value).cancel(); // it had opened already
                    }
                });
            }
        }
    }

    /** Cancels the stream unless it was read to the end. */
    @Override
    public void close() {
        cancel();
    }

    /** The remaining items as a sequential {@code Stream} whose {@code close()} cancels this one. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    private ItemBuffer<T> buffer() {
        if (buffer == null) {
            buffer = bufferOf(opened.join());
        }
        return buffer;
    }

    @SuppressWarnings("unchecked")
    private static <T> ItemBuffer<T> bufferOf(Object opened) {
        if (opened instanceof ItemBuffer<?> items) {
            return (ItemBuffer<T>) items;
        }
        throw new IllegalStateException("not the response of a streaming call: " + opened);
    }
}
