package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.routing.Replica;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.RandomSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Queue<String> startOrder = new ConcurrentLinkedQueue<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Router> routers = new ArrayList<>();

    @AfterEach
    void stopRouters() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Router router : routers) {
            router.awaitTermination(deadline);
        }
    }

    @Test
    void withOneSlotAndOneQueuePlaceTheThirdCallFailsAtOnceAndTheFirstTwoSucceed() throws Exception {
        Router router = router(1, 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Task first = Task.held("first", release);

        DeploymentResponse<String> running = work(router, first);
        assertTrue(first.awaitStarted());
        DeploymentResponse<String> queued = work(router, Task.held("second", release));
        DeploymentResponse<String> refused = work(router, Task.quick("third"));

        assertTrue(refused.isDone(), "refused without waiting");
        BackPressureException failure = assertThrows(BackPressureException.class, refused::join);
        assertEquals("Worker", failure.deployment());
        assertFalse(queued.isDone());
        assertEquals(1, router.pendingCount());

        release.countDown();
        assertEquals("first", running.get(TIMEOUT));
        assertEquals("second", queued.get(TIMEOUT));
        assertEquals(List.of("first", "second"), List.copyOf(startOrder));
    }

    @Test
    void waitingCallsStartInTheOrderTheyArrived() throws Exception {
        Router router = router(1, 1, -1);
        CountDownLatch release = new CountDownLatch(1);
        Task first = Task.held("first", release);
        List<DeploymentResponse<String>> responses = new ArrayList<>();
        responses.add(work(router, first));
        assertTrue(first.awaitStarted());
        for (String name : List.of("second", "third", "fourth", "fifth")) {
            responses.add(work(router, Task.quick(name)));
        }
        assertEquals(4, router.pendingCount());

        release.countDown();
        for (DeploymentResponse<String> response : responses) {
            response.get(TIMEOUT);
        }

        assertEquals(List.of("first", "second", "third", "fourth", "fifth"), List.copyOf(startOrder));
    }

    @Test
    void aCancelledWaitingCallLeavesTheQueueAndNeverRuns() throws Exception {
        Router router = router(1, 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Task first = Task.held("first", release);
        DeploymentResponse<String> running = work(router, first);
        assertTrue(first.awaitStarted());
        DeploymentResponse<String> cancelled = work(router, Task.quick("cancelled"));

        assertTrue(cancelled.cancel());

        assertEquals(0, router.pendingCount());
        DeploymentResponse<String> next = work(router, Task.quick("next")); // takes the freed queue place
        assertFalse(next.isDone());
        release.countDown();
        assertEquals("first", running.get(TIMEOUT));
        assertEquals("next", next.get(TIMEOUT));
        assertThrows(CancellationException.class, cancelled::join);
        assertEquals(List.of("first", "next"), List.copyOf(startOrder));
    }

    @Test
    void cancellingARunningCallInterruptsTheUserCodeAndFreesItsSlot() throws Exception {
        Router router = router(1, 1, -1);
        Task held = Task.held("held", new CountDownLatch(1));
        DeploymentResponse<String> running = work(router, held);
        assertTrue(held.awaitStarted());

        assertTrue(running.cancel());

        assertTrue(held.awaitInterrupted(), "the user code saw the interrupt");
        assertEquals("after", work(router, Task.quick("after")).get(TIMEOUT));
    }

    @Test
    void anExceptionFromUserCodeArrivesAsDeploymentExceptionNamingTheMethod() throws Exception {
        Router router = router(1, 1, -1);
        IllegalStateException boom = new IllegalStateException("boom");

        DeploymentResponse<String> response = router.call(Worker.FAIL, new Object[] {boom});

        DeploymentException failure = assertThrows(DeploymentException.class, () -> response.get(TIMEOUT));
        assertEquals("Worker.fail failed: IllegalStateException: boom", failure.getMessage());
        assertSame(boom, failure.getCause());
        assertEquals("Worker", failure.deployment());
        assertEquals("after", work(router, Task.quick("after")).get(TIMEOUT), "the slot was released");
    }

    @Test
    void noReplicaEverRunsMoreThanMaxOngoingRequests() throws Exception {
        Router router = router(2, 2, -1);
        CountDownLatch fourStarted = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        List<DeploymentResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(work(router, Task.held("call" + i, fourStarted, release)));
        }

        assertTrue(fourStarted.await(30, TimeUnit.SECONDS));
        assertEquals(6, router.pendingCount());
        for (Replica replica : router.replicas()) {
            assertEquals(2, replica.ongoing());
        }
        release.countDown();
        for (DeploymentResponse<String> response : responses) {
            response.get(TIMEOUT);
        }

        assertEquals(10, startOrder.size());
        for (Worker worker : workers) {
            assertEquals(2, worker.mostRunning(), "calls running at once on one replica");
        }
    }

    @Test
    void aCallWaitsForTheFirstReplicaAndRunsWhenItIsAdded() throws Exception {
        Router router = router(1, 1, -1, 0);
        DeploymentResponse<String> waiting = work(router, Task.quick("early"));
        assertEquals(1, router.pendingCount());

        Instances.serve(router, new Worker(startOrder), Worker.DISPATCHER);

        assertEquals("early", waiting.get(TIMEOUT));
    }

    @Test
    void shutdownFailsWaitingAndNewCallsAndLetsRunningOnesFinish() throws Exception {
        Router router = router(1, 1, -1);
        CountDownLatch release = new CountDownLatch(1);
        Task first = Task.held("first", release);
        DeploymentResponse<String> running = work(router, first);
        assertTrue(first.awaitStarted());
        DeploymentResponse<String> waiting = work(router, Task.quick("waiting"));

        router.shutdown();

        assertThrows(ApplicationClosedException.class, waiting::join);
        DeploymentResponse<String> late = work(router, Task.quick("late"));
        assertTrue(late.isDone());
        ApplicationClosedException refusal = assertThrows(ApplicationClosedException.class, late::join);
        assertTrue(refusal.getMessage().contains("application is shutting down"), refusal.getMessage());
        release.countDown();
        assertEquals("first", running.get(TIMEOUT));
        assertEquals(List.of(), router.awaitTermination(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        assertEquals(List.of("first"), List.copyOf(startOrder));
    }

    @Test
    void aMethodOfAnotherDeploymentFailsWithoutRunning() {
        Router router = router(1, 1, -1);

        DeploymentResponse<String> response = router.call(new DeploymentMethod<>("Other", "work", 0),
                new Object[] {Task.quick("wrong")});

        assertThrows(DeploymentException.class, response::join);
        assertEquals(List.of(), List.copyOf(startOrder));
    }

    @Test
    void aCallPickedForAReplicaThatHasBegunToStopGoesToAnotherOne() throws Exception {
        // The replica was picked just before it left rotation: it refuses, and the call is sent again.
        Router router = Instances.router("Worker", new DeploymentSpec(2, 1, -1, new ResourceSpec(1, 0, 0)),
                dev.trellis.runtime.time.ScriptedRandom.of(0, 0, 1, 0)); // Worker-0 first, Worker-1 next
        routers.add(router);
        InstanceExecution<Worker> stopping = InstanceExecution.create("Worker", "Worker-0", new Worker(startOrder),
                Worker.DISPATCHER, router.ticker());
        router.addReplica("Worker-0", stopping);
        Instances.serve(router, new Worker(startOrder), Worker.DISPATCHER);
        stopping.shutdown();

        assertEquals("picked", work(router, Task.quick("picked")).get(TIMEOUT));
        assertEquals(List.of("picked"), List.copyOf(startOrder), "it ran once, on the replica that takes calls");
    }

    private Router router(int replicas, int maxOngoing, int maxQueued) {
        return router(replicas, maxOngoing, maxQueued, replicas);
    }

    private Router router(int numReplicas, int maxOngoing, int maxQueued, int replicasToStart) {
        DeploymentSpec spec = new DeploymentSpec(numReplicas, maxOngoing, maxQueued, new ResourceSpec(1, 0, 0));
        Router router = Instances.router("Worker", spec, RandomSource.threadLocal());
        routers.add(router);
        for (int i = 0; i < replicasToStart; i++) {
            Worker worker = new Worker(startOrder);
            workers.add(worker);
            Instances.serve(router, worker, Worker.DISPATCHER);
        }
        return router;
    }

    private static DeploymentResponse<String> work(Router router, Task task) {
        return router.call(Worker.WORK, new Object[] {task});
    }
}
