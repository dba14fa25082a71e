package dev.trellis.runtime.testapp;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds calls of a fake deployment until the test opens it, and reports what the held code saw. Every
 * wait has a deadline so that a broken runtime fails the test instead of hanging it.
 */
public final class Gate {

    private static final long DEADLINE_SECONDS = 30;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch streamClosed = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger streamed = new java.util.concurrent.atomic.AtomicInteger();

    /** Called by user code: waits until the test opens the gate. */
    public void pass() throws InterruptedException {
        entered.countDown();
        try {
            if (!opened.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
        }
    }

    public void open() {
        opened.countDown();
    }

    /** Whether a call reached the gate within the deadline. */
    public boolean awaitEntered() throws InterruptedException {
        return entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** Called by a stream the test watches, for each item it produces. */
    public void produced() {
        streamed.incrementAndGet();
    }

    /** Called when that stream is closed. */
    public void closed() {
        streamClosed.countDown();
    }

    /** How many items the watched stream produced. */
    public int producedItems() {
        return streamed.get();
    }

    /** Whether the watched stream was closed within the deadline. */
    public boolean awaitStreamClosed() throws InterruptedException {
        return streamClosed.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether a call waiting at the gate was interrupted within the deadline. */
    public boolean awaitInterrupted() throws InterruptedException {
        return interrupted.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
