package dev.trellis.runtime.grpc;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Keeps a gRPC handler on Helidon's server until its call has been answered.
 *
 * <p>Helidon 4.5 frees an HTTP/2 stream when the thread that ran the stream's handler returns and the
 * stream is closed by then. A handler that returns first and answers later from another thread leaves
 * its stream behind; after {@code max-concurrent-streams} (8192) such calls on one connection, Helidon
 * refuses the next stream by closing the whole connection with GOAWAY, and every call in flight on it
 * fails (measured: 14 failed calls per 8192 in the hop benchmark). Each stream has a virtual thread of
 * its own, so waiting there is cheap, and a caller's cancellation still arrives meanwhile: Helidon
 * reads RST_STREAM on the connection's thread.
 */
final class AnswerOnHandlerThread {

    private AnswerOnHandlerThread() {}

    /** Waits until {@code answered} completes, however it ends; an interrupt (server shutdown) ends the wait. */
    static void await(CompletionStage<?> answered) {
        try {
            answered.toCompletableFuture().get();
        } catch (ExecutionException | CancellationException e) {
            // the answer was sent, or the failure reported, by whoever completed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
