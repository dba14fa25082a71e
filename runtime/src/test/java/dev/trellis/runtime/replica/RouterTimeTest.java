package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.ManualTicker;
import dev.trellis.runtime.time.RandomSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and retry backoffs against a {@link ManualTicker}: time moves only when the test advances
 * it, so each check is exact (at the deadline, not a millisecond before) and nothing sleeps.
 */
class RouterTimeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DeploymentSpec ONE_SLOT = new DeploymentSpec(1, 1, -1, new ResourceSpec(1, 0, 0));

    private final ManualTicker ticker = new ManualTicker();
    private final Queue<String> startOrder = new ConcurrentLinkedQueue<>();
    private final List<Router> routers = new ArrayList<>();

    @AfterEach
    void stopRouters() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        routers.forEach(router -> router.awaitTermination(deadline));
    }

    @Test
    void aWaitingCallFailsAtItsDeadlineNotBeforeAndGivesItsQueuePlaceUp() throws Exception {
        Router router = routerWithOneWorker();
        CountDownLatch release = new CountDownLatch(1);
        Task first = Task.held("first", release);
        DeploymentResponse<String> running = work(router, first);
        assertTrue(first.awaitStarted());
        DeploymentResponse<String> waiting = withDeadlineIn(Duration.ofMillis(100),
                () -> work(router, Task.quick("late")));

        ticker.advance(Duration.ofMillis(99));
        assertFalse(waiting.isDone(), "a millisecond before its deadline it still waits");
        assertEquals(1, router.pendingCount());

        ticker.advance(Duration.ofMillis(1));
        DeploymentTimeoutException late = assertThrows(DeploymentTimeoutException.class, waiting::join);
        assertEquals("Worker", late.deployment());
        assertEquals(0, router.pendingCount(), "it left the queue");

        release.countDown();
        assertEquals("first", running.get(WAIT));
        assertEquals("next", work(router, Task.quick("next")).get(WAIT));
        assertEquals(List.of("first", "next"), List.copyOf(startOrder), "the late call never ran");
    }

    @Test
    void aRunningCallsDeadlineInterruptsItsUserCodeAndFreesItsSlot() throws Exception {
        Router router = routerWithOneWorker();
        Task held = Task.held("held", new CountDownLatch(1));
        DeploymentResponse<String> running = withDeadlineIn(Duration.ofMillis(50), () -> work(router, held));
        assertTrue(held.awaitStarted());

        ticker.advance(Duration.ofMillis(49));
        assertFalse(running.isDone());
        ticker.advance(Duration.ofMillis(1));

        assertThrows(DeploymentTimeoutException.class, running::join);
        assertTrue(held.awaitInterrupted(), "the user code saw the deadline");
        assertEquals("next", work(router, Task.quick("next")).get(WAIT));
    }

    @Test
    void aCallWithoutADeadlineSetsNoTimer() throws Exception {
        Router router = routerWithOneWorker();

        assertEquals("quick", work(router, Task.quick("quick")).get(WAIT));

        assertEquals(List.of(), ticker.delaysMillis());
    }

    @Test
    void retriesBackOffFrom25MsDoublingUpTo500MsThenGiveUp() {
        Router router = Instances.router("Echo", ONE_SLOT, RandomSource.threadLocal(), ticker);
        routers.add(router);
        int[] attempts = {0};
        router.addRemoteReplica("gone", new DeploymentChannel() {
            @Override
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                attempts[0]++;
                return DeploymentResponse.failed(new ReplicaUnreachableException("Echo", "connection refused", null));
            }
        });

        DeploymentResponse<String> response = router.call(new DeploymentMethod<String>("Echo", "echo", 0),
                new Object[] {"x"});
        assertEquals(1, attempts[0], "the first attempt goes out at once");
        ticker.advance(Duration.ofMillis(24));
        assertEquals(1, attempts[0], "the first retry waits its full 25 ms");
        ticker.advance(Duration.ofMillis(1));
        assertEquals(2, attempts[0]);
        ticker.advance(Duration.ofMinutes(1));

        assertEquals(Call.MAX_ATTEMPTS, attempts[0]);
        List<Long> expected = new ArrayList<>(List.of(25L, 50L, 100L, 200L, 400L));
        while (expected.size() < Call.MAX_ATTEMPTS - 1) {
            expected.add(500L);
        }
        assertEquals(expected, ticker.delaysMillis());
        ReplicaUnreachableException failure = assertThrows(ReplicaUnreachableException.class, response::join);
        assertTrue(failure.getMessage().contains("after " + Call.MAX_ATTEMPTS + " attempts"), failure.getMessage());
    }

    private Router routerWithOneWorker() {
        Router router = Instances.router("Worker", ONE_SLOT, RandomSource.threadLocal(), ticker);
        routers.add(router);
        Instances.serve(router, new Worker(startOrder), Worker.DISPATCHER);
        return router;
    }

    private <T> T withDeadlineIn(Duration timeout, java.util.function.Supplier<T> body) {
        return CallContext.withDeadline(ticker.nanoTime() + timeout.toNanos()).run(body);
    }

    private static DeploymentResponse<String> work(Router router, Task task) {
        return router.call(Worker.WORK, new Object[] {task});
    }
}
