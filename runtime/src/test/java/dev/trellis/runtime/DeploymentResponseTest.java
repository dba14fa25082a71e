package dev.trellis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Composition of responses. Continuations of a pending response never run on the thread that
 * completes it, which for a call to another process is a transport thread that must not block.
 */
class DeploymentResponseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void thenApplyOnAPendingResponseRunsOnAVirtualThreadNotTheCompletingOne() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        DeploymentResponse<Integer> length = DeploymentResponse.of(pending).thenApply(text -> {
            ranOn.set(Thread.currentThread());
            return text.length();
        });

        pending.complete("four");

        assertEquals(4, length.get(WAIT));
        assertTrue(ranOn.get().isVirtual());
        assertNotSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void thenApplyOnAFinishedResponseRunsAtOnceOnTheCallingThread() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        DeploymentResponse<Integer> length = DeploymentResponse.completed("four").thenApply(text -> {
            ranOn.set(Thread.currentThread());
            return text.length();
        });

        assertEquals(4, length.get(WAIT));
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void thenComposeOnAPendingResponseFeedsTheNextCallFromAVirtualThread() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        DeploymentResponse<String> next = DeploymentResponse.of(pending).thenCompose(text -> {
            ranOn.set(Thread.currentThread());
            return DeploymentResponse.completed(text + "!");
        });

        pending.complete("go");

        assertEquals("go!", next.get(WAIT));
        assertTrue(ranOn.get().isVirtual());
    }

    @Test
    void aContinuationRunsInTheCallContextOfTheThreadThatComposedIt() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        CallContext request = CallContext.withTimeout(Duration.ofMinutes(1));
        AtomicReference<Long> deadlineSeen = new AtomicReference<>();
        DeploymentResponse<String> composed = request.run(() -> DeploymentResponse.of(pending).thenApply(text -> {
            deadlineSeen.set(CallContext.currentDeadline());
            return text;
        }));

        pending.complete("x");

        assertEquals("x", composed.get(WAIT));
        assertEquals(request.deadlineNanos(), deadlineSeen.get(), "calls made there keep the request's deadline");
    }

    @Test
    void whatDependsOnToCompletableFutureOfAPendingResponseRunsOffTheCompletingThread() throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        CompletableFuture<Integer> length = DeploymentResponse.of(pending).toCompletableFuture().thenApply(text -> {
            ranOn.set(Thread.currentThread());
            return text.length();
        });

        pending.complete("four");

        assertEquals(4, length.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(ranOn.get().isVirtual());
        assertNotSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void failuresPassThroughComposition() {
        CompletableFuture<String> pending = new CompletableFuture<>();
        DeploymentResponse<Integer> length = DeploymentResponse.of(pending).thenApply(String::length);

        pending.completeExceptionally(new DeploymentException("Echo", "boom", null));

        DeploymentException failure = assertThrows(DeploymentException.class, length::join);
        assertEquals("boom", failure.getMessage());
        assertEquals(List.of(4), DeploymentResponse.joinAll(List.of(DeploymentResponse.completed("four")
                .thenApply(String::length))));
    }
}
