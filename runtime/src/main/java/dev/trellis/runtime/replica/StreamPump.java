package dev.trellis.runtime.replica;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.flow.ItemBuffer;
import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.time.Ticker;
import java.util.Iterator;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a streaming call in a replica: the call is answered with an {@link ItemBuffer} at once, and the
 * user's {@code Stream} is then iterated on the call's own thread, one item at a time, into that buffer.
 * Iterating lazily is what makes items reach the caller as they are produced and what lets a reader
 * that cancels (or a deadline) stop the producer: the thread is interrupted, the call's context is
 * cancelled (which stops a native model run), and the stream is closed, running its {@code onClose}
 * handlers. The call keeps its replica slot until the stream ends.
 */
final class StreamPump {

    private StreamPump() {}

    /**
     * @param returned what the user's method returned
     * @return the buffer the call was answered with
     */
    static ItemBuffer<Object> pump(String deployment, Ticker ticker, Call<?> call, Object returned,
            CallContext context) {
        if (!(returned instanceof Stream<?> stream)) {
            throw new IllegalStateException(call.method() + " returned null instead of a stream");
        }
        ItemBuffer<Object> items = new ItemBuffer<>(ItemBuffer.DEFAULT_CAPACITY, ticker);
        Thread producer = Thread.currentThread();
        items.onStop(() -> {
            producer.interrupt();
            context.cancel();
        });
        try (stream) {
            if (!call.complete(items)) {
                return items; // cancelled or past its deadline before its first item: nobody reads it
            }
            Iterator<?> iterator = stream.iterator();
            while (iterator.hasNext()) {
                if (!items.put(iterator.next(), call.deadlineNanos())) {
                    return items; // the reader cancelled, or the deadline aborted it
                }
            }
            items.finish();
        } catch (TimeoutException e) {
            items.fail(new DeploymentTimeoutException(deployment, call.method()
                    + " did not finish streaming before the deadline of the request it serves: its reader fell behind",
                    e));
        } catch (Throwable failure) {
            if (!items.isCancelled()) {
                items.fail(new DeploymentException(deployment, call.method() + " failed while streaming: "
                        + DeploymentException.describe(failure), failure));
            }
        } finally {
            Thread.interrupted(); // a stop's interrupt must not outlive the call on this thread
        }
        return items;
    }
}
