package dev.trellis.runtime.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ReplicaLostException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.time.ManualTicker;
import dev.trellis.runtime.time.RandomSource;
import dev.trellis.runtime.time.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A router in front of replicas in other processes, reached through channels (fakes of the gRPC ones). */
class RemoteReplicasTest {

    private static final DeploymentMethod<String> ECHO = new DeploymentMethod<>("Echo", "echo", 0);
    private static final DeploymentMethod<String> IDEMPOTENT_ECHO = new DeploymentMethod<>("Echo", "echo", 0, true);
    private static final DeploymentSpec SPEC = new DeploymentSpec(1, 2, -1, new ResourceSpec(1, 0, 0));

    /** Answers every call with its argument and the replica's name. */
    private static DeploymentChannel answering(String name, AtomicInteger calls) {
        return new DeploymentChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                calls.incrementAndGet();
                return (DeploymentResponse<R>) DeploymentResponse.completed(name + ":" + args[0]);
            }
        };
    }

    /** A replica whose process is gone: every connection is refused. */
    private static DeploymentChannel refusing(AtomicInteger calls) {
        return new DeploymentChannel() {
            @Override
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                calls.incrementAndGet();
                return DeploymentResponse.failed(new ReplicaUnreachableException("Echo", "connection refused", null));
            }
        };
    }

    @Test
    void callsGoToARemoteReplicaAndBack() {
        Router router = router("Echo", SPEC, RandomSource.threadLocal());
        router.addRemoteReplica("a", answering("a", new AtomicInteger()));

        assertEquals("a:hi", router.call(ECHO, new Object[] {"hi"}).join());
    }

    @Test
    void aCallThatCannotReachItsReplicaIsRetriedOnAnother() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Router router = router("Echo", SPEC, firstDrawPicksTheFirstReplica());
        router.addRemoteReplica("dead", refusing(refused));
        router.addRemoteReplica("alive", answering("alive", answered));

        assertEquals("alive:x", router.call(ECHO, new Object[] {"x"}).get(Duration.ofSeconds(30)));
        assertTrue(refused.get() >= 1, "the first attempt went to the dead replica");
        assertEquals(1, answered.get());
    }

    /** A replica that received the call, then went away: its process died while running it. */
    private static DeploymentChannel losing(AtomicInteger calls) {
        return new DeploymentChannel() {
            @Override
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                calls.incrementAndGet();
                return DeploymentResponse.failed(new ReplicaLostException("Echo", "connection reset", null));
            }
        };
    }

    @Test
    void anIdempotentCallWhoseReplicaWentAwayRunsAgainOnAnother() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Router router = router("Echo", SPEC, firstDrawPicksTheFirstReplica());
        router.addRemoteReplica("dying", losing(lost));
        router.addRemoteReplica("alive", answering("alive", answered));

        assertEquals("alive:x", router.call(IDEMPOTENT_ECHO, new Object[] {"x"}).get(Duration.ofSeconds(30)));
        assertTrue(lost.get() >= 1, "the first attempt went to the dying replica");
        assertEquals(1, answered.get());
    }

    @Test
    void aCallThatIsNotIdempotentFailsNamingTheDeploymentWhenItsReplicaWentAway() {
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Router router = router("Echo", SPEC, firstDrawPicksTheFirstReplica());
        router.addRemoteReplica("dying", losing(lost));
        router.addRemoteReplica("alive", answering("alive", answered));

        ReplicaLostException failure = assertThrows(ReplicaLostException.class,
                () -> router.call(ECHO, new Object[] {"x"}).join());

        assertEquals("Echo", failure.deployment());
        assertEquals(1, lost.get());
        assertEquals(0, answered.get(), "it ran once, and once only");
    }

    @Test
    void anIdempotentCallIsRunAgainOnlyTwiceAfterLosingItsReplica() {
        AtomicInteger lost = new AtomicInteger();
        Router router = router("Echo", SPEC, RandomSource.threadLocal());
        router.addRemoteReplica("a", losing(lost));
        router.addRemoteReplica("b", losing(lost));

        // An input that kills every process it reaches must not take the whole deployment down in turn.
        ReplicaLostException failure = assertThrows(ReplicaLostException.class,
                () -> router.call(IDEMPOTENT_ECHO, new Object[] {"poison"}).join());

        assertEquals(1 + Call.MAX_RERUNS_AFTER_LOSS, lost.get());
        assertEquals("Echo", failure.deployment());
    }

    /** Samples the first replica first, and the last one from then on: with two, the other one. */
    private static RandomSource firstDrawPicksTheFirstReplica() {
        AtomicInteger draws = new AtomicInteger();
        return bound -> draws.getAndIncrement() == 0 ? 0 : bound - 1;
    }

    @Test
    void aLongQueueDrainsIntoAReplicaThatFailsEveryCallAtOnceWithoutDeepRecursion() {
        ManualTicker noRetriesYet = new ManualTicker();
        Router router = router("Echo", new DeploymentSpec(1, 1, -1, new ResourceSpec(1, 0, 0)),
                RandomSource.threadLocal(), noRetriesYet);
        CompletableFuture<String> first = new CompletableFuture<>();
        AtomicInteger attempts = new AtomicInteger();
        router.addRemoteReplica("dying", new DeploymentChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                // The first call holds the only slot; once the connection is gone every call fails on
                // the calling thread, as grpc-java does with a direct executor.
                return attempts.getAndIncrement() == 0 ? (DeploymentResponse<R>) DeploymentResponse.of(first)
                        : DeploymentResponse.failed(new ReplicaUnreachableException("Echo", "channel shut down", null));
            }
        });
        DeploymentResponse<String> held = router.call(ECHO, new Object[] {"first"});
        int waiting = 20_000;
        for (int i = 0; i < waiting; i++) {
            router.call(ECHO, new Object[] {"waiting " + i});
        }
        assertEquals(waiting, router.pendingCount());

        first.complete("done"); // frees the slot: this thread now starts every waiting call

        assertEquals("done", held.join());
        assertEquals(1 + waiting, attempts.get(), "every waiting call was tried once");
        assertEquals(0, router.pendingCount(), "and waits for its retry, not in the queue");
    }

    @Test
    void aRemovedReplicaGetsNoMoreCallsAndWaitingCallsWaitForANewOne() throws Exception {
        AtomicInteger oldCalls = new AtomicInteger();
        Router router = router("Echo", SPEC, RandomSource.threadLocal());
        router.addRemoteReplica("old", answering("old", oldCalls));
        assertTrue(router.removeReplica("old"));
        assertFalse(router.removeReplica("old"));

        DeploymentResponse<String> waiting = router.call(ECHO, new Object[] {"later"});
        assertFalse(waiting.isDone());
        router.addRemoteReplica("new", answering("new", new AtomicInteger()));

        assertEquals("new:later", waiting.get(Duration.ofSeconds(30)));
        assertEquals(0, oldCalls.get());
    }

    @Test
    void cancellingAForwardedCallCancelsTheRemoteCallAndFreesTheSlot() throws Exception {
        java.util.List<CompletableFuture<String>> remote = new java.util.concurrent.CopyOnWriteArrayList<>();
        Router router = router("Echo", new DeploymentSpec(1, 1, -1, new ResourceSpec(1, 0, 0)),
                RandomSource.threadLocal());
        router.addRemoteReplica("slow", new DeploymentChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                CompletableFuture<String> answer = new CompletableFuture<>();
                remote.add(answer);
                return (DeploymentResponse<R>) DeploymentResponse.of(answer);
            }
        });
        DeploymentResponse<String> first = router.call(ECHO, new Object[] {"first"});

        first.cancel();

        assertTrue(remote.get(0).isCancelled(), "the remote call was cancelled");
        DeploymentResponse<String> second = router.call(ECHO, new Object[] {"second"});
        assertFalse(second.isDone(), "the second call reached the replica, whose answer is still pending");
        assertEquals(0, router.pendingCount(), "the slot was free again, so nothing waits");
        assertEquals(2, remote.size());
        remote.get(1).complete("done");
        assertEquals("done", second.join());
    }

    private static Router router(String deployment, DeploymentSpec spec, RandomSource random) {
        return router(deployment, spec, random, Ticker.system());
    }

    private static Router router(String deployment, DeploymentSpec spec, RandomSource random, Ticker ticker) {
        return Router.create(deployment, spec.maxOngoingRequests(), spec.maxQueuedRequests(), random, ticker);
    }
}
