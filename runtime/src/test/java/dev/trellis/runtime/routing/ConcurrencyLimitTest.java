package dev.trellis.runtime.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    @Test
    void acquiresUpToTheLimitAndNoMore() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2);

        assertTrue(limit.tryAcquire());
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertEquals(2, limit.ongoing());

        limit.release();
        assertTrue(limit.tryAcquire());
    }

    @Test
    void theLargestLimitCannotOverflow() {
        ConcurrencyLimit limit = new ConcurrencyLimit(Integer.MAX_VALUE);

        assertTrue(limit.tryAcquire());
        limit.release();
        assertEquals(0, limit.ongoing());
    }

    @Test
    void releasingAnUnacquiredSlotFailsInsteadOfGoingNegative() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1);

        assertThrows(IllegalStateException.class, limit::release);
        assertEquals(0, limit.ongoing());
    }

    @Test
    void rejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0));
    }

    @Test
    void racingThreadsNeverHoldMoreThanTheLimit() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(3);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger mostHolders = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                workers.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 20_000; i++) {
                        if (limit.tryAcquire()) {
                            mostHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                            holders.decrementAndGet();
                            limit.release();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(mostHolders.get() <= 3, "at most 3 holders at once, saw " + mostHolders.get());
        assertEquals(0, limit.ongoing());
    }
}
