package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.BatchSpec;
import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ray Serve's batching rules, one by one, on a {@link Batcher} whose time is a {@link ManualTicker} and
 * whose batches run when the test says so: nothing here sleeps or depends on timing.
 */
class BatcherTest {

    private static final Duration WAIT = Duration.ofMillis(10);

    private final ManualTicker ticker = new ManualTicker();
    private final ManualExecutor executor = new ManualExecutor();
    private final List<List<Object>> batches = new ArrayList<>();
    private final AtomicInteger released = new AtomicInteger();

    /** Runs batch tasks one at a time, when the test calls {@link #runAll()}. */
    private static final class ManualExecutor implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int pending() {
            return tasks.size();
        }

        void runAll() {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
        }
    }

    /** Answers each item with its upper case, fails on "boom", and returns one result too few on "short". */
    private Batcher batcher(int maxSize, int maxConcurrentBatches) {
        DeploymentMethod<String> method = new DeploymentMethod<>("Tagger", "tag", 0, false,
                new BatchSpec(maxSize, WAIT.toMillis(), maxConcurrentBatches));
        return new Batcher("Tagger", method, ticker, items -> {
            batches.add(List.copyOf(items));
            if (items.contains("boom")) {
                throw new IllegalStateException("boom in the batch");
            }
            List<Object> results = new ArrayList<>();
            items.forEach(item -> results.add(item.toString().toUpperCase(java.util.Locale.ROOT)));
            if (items.contains("short")) {
                results.removeLast();
            }
            return results;
        }, executor);
    }

    private Call<String> call(Batcher batcher, String item) {
        Call<String> call = new Call<>(new DeploymentMethod<>("Tagger", "tag", 0), new Object[] {item},
                CallContext.NO_DEADLINE);
        batcher.add(call, released::incrementAndGet);
        return call;
    }

    @Test
    void eachCallOfABatchCountsTheBatchsTimeAsItsProcessing() {
        DeploymentMethod<String> method = new DeploymentMethod<>("Tagger", "tag", 0, false,
                new BatchSpec(2, WAIT.toMillis(), 1));
        dev.trellis.runtime.stats.MethodRecorder recorder = new dev.trellis.runtime.stats.MethodRecorder();
        Batcher batcher = new Batcher("Tagger", method, method.batch(), ticker, items -> {
            ticker.advance(Duration.ofMillis(7));
            return List.copyOf(items);
        }, executor, java.util.concurrent.ConcurrentHashMap.newKeySet(), recorder, "Tagger-0");
        call(batcher, "a");
        call(batcher, "b");

        executor.runAll();

        dev.trellis.runtime.stats.Histogram processing = recorder.figures().processing();
        assertEquals(2, processing.count());
        assertEquals(Duration.ofMillis(14).toNanos(), processing.sumNanos());
        assertEquals(2, processing.counts()[3], "7 ms is in the bucket up to 10 ms");
    }

    @Test
    void aFullBatchStartsAtOnceAndAnswersEachCallerInOrder() {
        Batcher batcher = batcher(3, 1);
        Call<String> a = call(batcher, "a");
        Call<String> b = call(batcher, "b");
        assertEquals(0, executor.pending(), "two of three: it waits");
        Call<String> c = call(batcher, "c");

        executor.runAll();

        assertEquals(List.of(List.of("a", "b", "c")), batches);
        assertEquals(List.of("A", "B", "C"), List.of(a.result().join(), b.result().join(), c.result().join()));
        assertEquals(3, released.get(), "each call gave its slot back");
    }

    @Test
    void aPartialBatchRunsWhenItsFirstCallHasWaitedMaxWaitAndNotBefore() {
        Batcher batcher = batcher(3, 1);
        call(batcher, "a");
        ticker.advance(Duration.ofMillis(4));
        call(batcher, "b");

        ticker.advance(Duration.ofMillis(5));
        assertEquals(0, executor.pending(), "9 ms after the first call: still waiting");
        ticker.advance(Duration.ofMillis(1));
        executor.runAll();

        assertEquals(List.of(List.of("a", "b")), batches, "10 ms after the first call, not after the second");
    }

    @Test
    void theWaitStartsAtTheFirstCallOfEachBatchAlsoAfterAnIdleSpell() {
        Batcher batcher = batcher(3, 1);
        call(batcher, "a");
        ticker.advance(WAIT);
        executor.runAll();
        ticker.advance(Duration.ofSeconds(5)); // idle

        call(batcher, "b");
        ticker.advance(Duration.ofMillis(9));
        assertEquals(0, executor.pending());
        ticker.advance(Duration.ofMillis(1));
        executor.runAll();

        assertEquals(List.of(List.of("a"), List.of("b")), batches);
    }

    @Test
    void anExceptionFailsEveryCallerOfItsBatchAndNoOther() {
        Batcher batcher = batcher(2, 1);
        Call<String> a = call(batcher, "a");
        Call<String> boom = call(batcher, "boom");
        executor.runAll();
        Call<String> c = call(batcher, "c");
        ticker.advance(WAIT);
        executor.runAll();

        DeploymentException failure = assertThrows(DeploymentException.class, () -> unwrap(a));
        assertSame(failure, assertThrows(DeploymentException.class, () -> unwrap(boom)), "one failure for the batch");
        assertTrue(failure.getMessage().contains("Tagger.tag failed on a batch of 2: IllegalStateException: boom"),
                failure.getMessage());
        assertEquals("C", c.result().join());
    }

    @Test
    void aResultListOfTheWrongLengthFailsTheWholeBatch() {
        Batcher batcher = batcher(2, 1);
        Call<String> a = call(batcher, "a");
        Call<String> b = call(batcher, "short");
        executor.runAll();

        DeploymentException failure = assertThrows(DeploymentException.class, () -> unwrap(a));
        assertEquals("Tagger.tag returned 1 results for a batch of 2 calls; a @Batch method returns one result per"
                + " item, in order", failure.getMessage());
        assertThrows(DeploymentException.class, () -> unwrap(b));
        assertEquals(2, released.get());
    }

    @Test
    void aCancelledCallerLeavesAndTheOthersStayPending() {
        Batcher batcher = batcher(4, 1);
        Call<String> x = call(batcher, "x");
        Call<String> y = call(batcher, "y");
        Call<String> z = call(batcher, "z");

        y.result().cancel(true);
        assertEquals(1, released.get(), "the cancelled call gave its slot back at once");
        assertFalse(x.isDone() || z.isDone(), "the others still wait");
        ticker.advance(WAIT);
        executor.runAll();

        assertEquals(List.of(List.of("x", "z")), batches);
        assertEquals("X", x.result().join());
        assertEquals("Z", z.result().join());
    }

    @Test
    void whenEveryCallerIsCancelledTheMethodIsNotCalled() {
        Batcher batcher = batcher(4, 1);
        Call<String> a = call(batcher, "a");
        Call<String> b = call(batcher, "b");
        a.result().cancel(true);
        b.result().cancel(true);

        ticker.advance(WAIT);
        executor.runAll();

        assertEquals(List.of(), batches);
        assertEquals(2, released.get());
        assertEquals(0, ticker.scheduledCount(), "no timer is left armed for an empty queue");
    }

    @Test
    void aQueueLongerThanMaxSizeDrainsBatchAfterBatch() {
        Batcher batcher = batcher(3, 1);
        List<Call<String>> calls = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            calls.add(call(batcher, "c" + i));
        }
        assertEquals(1, executor.pending(), "one batch at a time");

        executor.runAll(); // the first batch ends, and the next full one starts from its end
        executor.runAll();
        assertEquals(2, batches.size());
        ticker.advance(WAIT); // the last call, alone, waited its time
        executor.runAll();

        assertEquals(List.of(List.of("c0", "c1", "c2"), List.of("c3", "c4", "c5"), List.of("c6")), batches);
        assertTrue(calls.stream().allMatch(call -> call.result().isDone() && !call.result().isCompletedExceptionally()));
        assertArrayEquals(new long[] {0, 1, 0, 2}, batcher.sizes(), "batch sizes are recorded");
    }

    @Test
    void upToMaxConcurrentBatchesRunAtOnce() {
        Batcher batcher = batcher(2, 2);
        for (int i = 0; i < 6; i++) {
            call(batcher, "c" + i);
        }

        assertEquals(2, executor.pending(), "two full batches started, the third waits for one to end");
    }

    @Test
    void aReplicaStoppingRunsWhatWaitsAtOnce() {
        Batcher batcher = batcher(5, 1);
        Call<String> a = call(batcher, "a");

        batcher.drainNow();
        executor.runAll();

        assertEquals("A", a.result().join());
        assertEquals(0, ticker.scheduledCount());
    }

    private static String unwrap(Call<String> call) {
        try {
            return call.result().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        } catch (CancellationException e) {
            throw e;
        }
    }
}
