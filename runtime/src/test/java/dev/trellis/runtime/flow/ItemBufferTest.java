package dev.trellis.runtime.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.CallContext;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ItemBufferTest {

    private static long soon() {
        return System.nanoTime() + 50_000_000L;
    }

    @Test
    void itemsComeOutInOrderThenTheEnd() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(4);
        items.put("a", CallContext.NO_DEADLINE);
        items.offer("b");
        items.finish();

        assertEquals("a", items.take());
        assertEquals("b", items.take());
        assertNull(items.take());
        assertNull(items.take(), "the end stays the end");
    }

    @Test
    void aFailureComesAfterTheItemsBeforeIt() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(4);
        items.offer("a");
        IllegalStateException failure = new IllegalStateException("broken");
        items.fail(failure);

        assertEquals("a", items.take());
        assertSame(failure, assertThrows(IllegalStateException.class, items::take));
    }

    @Test
    void aFullBufferMakesTheProducerWaitUntilItsDeadline() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(1);
        assertTrue(items.put("a", soon()));

        assertThrows(TimeoutException.class, () -> items.put("b", soon()));
        assertEquals("a", items.take());
        assertTrue(items.put("b", soon()), "room again after a take");
    }

    @Test
    void cancellingDropsTheItemsStopsTheProducerOnceAndRefusesMore() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(2);
        AtomicInteger stops = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        items.onStop(stops::incrementAndGet);
        items.whenEnded(ends::incrementAndGet);
        items.offer("a");

        items.cancel();
        items.cancel();
        items.finish();

        assertEquals(1, stops.get());
        assertEquals(1, ends.get());
        assertTrue(items.isCancelled());
        assertFalse(items.put("b", CallContext.NO_DEADLINE), "the producer learns to stop");
        assertThrows(CancellationException.class, items::take);
    }

    @Test
    void abortingStopsTheProducerButTheReaderGetsTheItemsThenTheFailure() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(2);
        AtomicInteger stops = new AtomicInteger();
        items.onStop(stops::incrementAndGet);
        items.offer("a");

        items.abort(new IllegalStateException("late"));

        assertEquals(1, stops.get());
        assertEquals("a", items.take());
        assertEquals("late", assertThrows(IllegalStateException.class, items::take).getMessage());
    }

    @Test
    void aStopSetAfterTheCancelRunsAtOnce() {
        ItemBuffer<String> items = new ItemBuffer<>(2);
        items.cancel();
        AtomicInteger stops = new AtomicInteger();

        items.onStop(stops::incrementAndGet);

        assertEquals(1, stops.get());
    }

    @Test
    void eachTakeIsReported() throws Exception {
        ItemBuffer<String> items = new ItemBuffer<>(2);
        AtomicInteger taken = new AtomicInteger();
        items.onTake(taken::incrementAndGet);
        items.offer("a");
        items.offer("b");
        items.finish();

        items.take();
        items.take();
        items.take();

        assertEquals(2, taken.get());
    }

    @Test
    void nullItemsAreRefused() {
        ItemBuffer<String> items = new ItemBuffer<>(2);
        assertThrows(NullPointerException.class, () -> items.offer(null));
    }
}
