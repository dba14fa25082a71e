package dev.trellis.runtime.routing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls one replica is running and refuses to go past its limit. Acquiring is a
 * compare-and-set loop rather than increment-then-check, so racing callers can never push the count
 * over the limit, not even for a moment, and the count never leaves {@code [0, limit]}, so it cannot
 * overflow. The limit may change while calls run: a lower one only keeps new calls out.
 */
final class ConcurrencyLimit {

    private volatile int limit; // changed in place by a new target; a lower one lets the running calls finish
    private final AtomicInteger ongoing = new AtomicInteger();

    ConcurrencyLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** Takes a slot if one is free; never blocks. */
    boolean tryAcquire() {
        for (;;) {
            int current = ongoing.get();
            if (current >= limit) {
                return false;
            }
            if (ongoing.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Gives a slot back.
     *
     * @throws IllegalStateException if no slot is taken, which would be a bug in the caller
     */
    void release() {
        for (;;) {
            int current = ongoing.get();
            if (current <= 0) {
                throw new IllegalStateException("released a slot that was never acquired");
            }
            if (ongoing.compareAndSet(current, current - 1)) {
                return;
            }
        }
    }

    /** The calls running now; a snapshot that may be stale at once. */
    int ongoing() {
        return ongoing.get();
    }

    int limit() {
        return limit;
    }

    /** Takes {@code limit} from now on; calls running beyond a lower one finish, and no new one starts until below it. */
    void setLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }
}
