package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.time.ManualTicker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelLruTest {

    /** A model that records whether it was closed. */
    static final class Model implements AutoCloseable {
        final String id;
        final AtomicInteger closes = new AtomicInteger();
        volatile boolean closed;

        Model(String id) {
            this.id = id;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed = true;
        }
    }

    private final List<Model> loaded = new CopyOnWriteArrayList<>();

    private ModelLru lru(int capacity) {
        return new ModelLru("Translator", capacity, id -> {
            if (id.equals("broken")) {
                throw new IllegalStateException("no such file");
            }
            Model model = new Model(id);
            loaded.add(model);
            return model;
        });
    }

    @Test
    void loadsAreTimedAndTheModelsHeldCounted() {
        ManualTicker ticker = new ManualTicker();
        ModelLru lru = new ModelLru("Translator", 1, id -> {
            ticker.advance(java.time.Duration.ofMillis(300));
            return new Model(id);
        }, ticker);
        assertEquals(0, lru.held());

        lru.acquire("a").close();
        lru.acquire("b").close(); // a makes room

        assertEquals(1, lru.held());
        assertEquals(2, lru.loadTimes().count());
        assertEquals(java.time.Duration.ofMillis(600).toNanos(), lru.loadTimes().sumNanos());
    }

    @Test
    void theLeastRecentlyUsedModelMakesRoomAndIsClosed() {
        ModelLru lru = lru(2);
        lru.acquire("a").close();
        lru.acquire("b").close();
        lru.acquire("a").close(); // a is now the more recent

        lru.acquire("c").close();

        assertEquals(List.of("a", "c"), lru.modelIds());
        assertTrue(loaded.get(1).closed, "b was evicted and closed");
        assertFalse(loaded.get(0).closed);
        assertEquals(3, loaded.size(), "a was loaded once");
    }

    @Test
    void aModelInUseIsClosedOnlyOnceItsCallHasFinished() {
        ModelLru lru = lru(1);
        ModelLru.Lease inUse = lru.acquire("a");

        lru.acquire("b").close();

        assertFalse(loaded.get(0).closed, "a call still uses a");
        inUse.close();
        assertTrue(loaded.get(0).closed);
    }

    @Test
    void everyModelIsClosedExactlyOnceWhetherEvictedUnusedInUseOrAtTheEnd() {
        ModelLru lru = lru(1);
        lru.acquire("a").close();
        ModelLru.Lease b = lru.acquire("b"); // evicts a, unused
        ModelLru.Lease c = lru.acquire("c"); // evicts b, in use
        b.close();
        c.close();

        lru.closeAll();

        assertEquals(List.of(1, 1, 1), loaded.stream().map(model -> model.closes.get()).toList());
    }

    @Test
    void aFailedLoadFailsTheCallNamingTheModelAndHoldsNothing() {
        ModelLru lru = lru(2);

        DeploymentException failure = assertThrows(DeploymentException.class, () -> lru.acquire("broken"));

        assertEquals("Deployment 'Translator' could not load model 'broken': IllegalStateException: no such file",
                failure.getMessage());
        assertFalse(lru.holds("broken"));
    }

    @Test
    void concurrentCallsForAModelShareOneLoadAndALoadingModelCounts() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        ModelLru lru = new ModelLru("Translator", 1, id -> {
            loads.incrementAndGet();
            loading.countDown();
            assertTrue(finish.await(30, TimeUnit.SECONDS));
            return new Model(id);
        });
        List<Thread> callers = new ArrayList<>();
        List<Object> models = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofVirtual().start(() -> {
                try (ModelLru.Lease lease = lru.acquire("a")) {
                    models.add(lease.model());
                }
            }));
        }
        assertTrue(loading.await(30, TimeUnit.SECONDS));

        assertTrue(lru.holds("a"), "a model being loaded is held, and takes its place");
        finish.countDown();
        for (Thread caller : callers) {
            caller.join();
        }

        assertEquals(1, loads.get());
        assertEquals(4, models.size());
        assertEquals(1, models.stream().distinct().count());
    }

    @Test
    void aCallCancelledWhileItsModelLoadsLeavesAndTheLoadGoesOnForTheOthers() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ModelLru lru = new ModelLru("Translator", 2, id -> {
            loading.countDown();
            assertTrue(finish.await(30, TimeUnit.SECONDS));
            return new Model(id);
        });
        List<Throwable> cancelled = new CopyOnWriteArrayList<>();
        Thread starter = Thread.ofVirtual().start(() -> {
            try (ModelLru.Lease lease = lru.acquire("a")) {
                lease.model();
            } catch (java.util.concurrent.CancellationException e) {
                cancelled.add(e);
            }
        });
        assertTrue(loading.await(30, TimeUnit.SECONDS));
        List<Object> others = new CopyOnWriteArrayList<>();
        Thread other = Thread.ofVirtual().start(() -> {
            try (ModelLru.Lease lease = lru.acquire("a")) {
                others.add(lease.model());
            }
        });

        starter.interrupt(); // the call that started the load is cancelled
        starter.join();
        finish.countDown();
        other.join();

        assertEquals(1, cancelled.size());
        assertEquals(1, others.size(), "the load finished for the call still waiting");
    }

    @Test
    void aStoppingReplicaCanWaitForTheLoadsInProgress() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        ModelLru lru = new ModelLru("Translator", 2, id -> {
            assertTrue(finish.await(30, TimeUnit.SECONDS));
            return new Model(id);
        });
        Thread caller = Thread.ofVirtual().start(() -> lru.acquire("a").close());
        while (!lru.holds("a")) {
            Thread.sleep(1);
        }

        assertFalse(lru.awaitLoads(System.nanoTime()), "a load is in progress");
        finish.countDown();
        assertTrue(lru.awaitLoads(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
        caller.join();
    }
}
