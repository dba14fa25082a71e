package dev.trellis.runtime.time;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A wait on a {@link Condition} bounded by a deadline of a {@link Ticker}: the ticker's timer signals the
 * condition when the deadline comes, so the wait follows the injected clock (a test's hand-moved time
 * as much as the system's) instead of sleeping on its own.
 */
public final class TimedWait {

    private TimedWait() {}

    /**
     * Waits until {@code changed} is signalled or the deadline comes. The caller holds {@code lock}, the
     * lock of {@code changed}, and checks its own condition again after each return, as with any wait.
     *
     * @param deadlineNanos a value of {@code ticker}'s clock, or {@link Ticker#NO_DEADLINE}
     * @return false if the deadline had passed already, without waiting
     */
    public static boolean await(Lock lock, Condition changed, Ticker ticker, long deadlineNanos)
            throws InterruptedException {
        if (deadlineNanos == Ticker.NO_DEADLINE) {
            changed.await();
            return true;
        }
        long remaining = ticker.nanosUntil(deadlineNanos);
        if (remaining <= 0) {
            return false;
        }
        Runnable cancelWake = ticker.schedule(() -> {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }, remaining);
        try {
            changed.await();
        } finally {
            cancelWake.run();
        }
        return true;
    }
}
