package dev.trellis.runtime.replica;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The argument of a {@link Worker} call: signals when the call starts, holds it until {@code release}
 * opens (if any), and signals if it was interrupted meanwhile.
 */
record Task(String name, CountDownLatch started, CountDownLatch release, CountDownLatch interrupted) {

    static final long DEADLINE_SECONDS = 30;

    /** A call that returns at once. */
    static Task quick(String name) {
        return new Task(name, new CountDownLatch(1), null, new CountDownLatch(1));
    }

    /** A call that waits for {@code release}. */
    static Task held(String name, CountDownLatch release) {
        return new Task(name, new CountDownLatch(1), release, new CountDownLatch(1));
    }

    /** A call that waits for {@code release} and counts down a {@code started} latch shared with others. */
    static Task held(String name, CountDownLatch started, CountDownLatch release) {
        return new Task(name, started, release, new CountDownLatch(1));
    }

    boolean awaitStarted() throws InterruptedException {
        return started.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    boolean awaitInterrupted() throws InterruptedException {
        return interrupted.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
