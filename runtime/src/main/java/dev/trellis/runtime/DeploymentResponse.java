package dev.trellis.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The future result of a call to a deployment. Every handle method returns one at once; the call runs
 * on a replica meanwhile. A response can be waited for many times and gives the same value each time;
 * a wait that times out leaves the call running. Responses compose without blocking: fan out over a
 * list and {@link #all(List) gather} them, {@link #thenApply transform} one, or
 * {@link #thenCompose feed} one into the next call as soon as it resolves.
 *
 * @param <T> the method's result type
 */
public final class DeploymentResponse<T> {

    /** Where {@link #thenApply} and {@link #thenCompose} run what they were given once the result arrives. */
    private static final Executor CONTINUATIONS = task -> Thread.ofVirtual().name("trellis-continuation").start(task);

    private final CompletableFuture<T> result;

    private DeploymentResponse(CompletableFuture<T> result) {
        this.result = result;
    }

    /**
     * Wraps a future that the runtime completes. Cancelling the response cancels that future, which
     * the runtime observes to stop the work.
     */
    public static <T> DeploymentResponse<T> of(CompletableFuture<T> result) {
        return new DeploymentResponse<>(Objects.requireNonNull(result, "result"));
    }

    /** A response that already holds {@code value}: useful for tests and fakes of handles. */
    public static <T> DeploymentResponse<T> completed(T value) {
        return new DeploymentResponse<>(CompletableFuture.completedFuture(value));
    }

    /** A response that already failed with {@code failure}. */
    public static <T> DeploymentResponse<T> failed(Throwable failure) {
        return new DeploymentResponse<>(CompletableFuture.failedFuture(failure));
    }

    /**
     * Waits for the result.
     *
     * @throws DeploymentException if the call failed (its cause is what the replica threw)
     * @throws CancellationException if the call was cancelled
     */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw rethrowable(e.getCause());
        }
    }

    /**
     * Waits for the result at most {@code timeout}. A timeout leaves the call running: ask again, or
     * {@link #cancel()} it.
     *
     * @throws TimeoutException if the result did not arrive in time
     * @throws DeploymentException if the call failed, or the waiting thread was interrupted
     */
    public T get(Duration timeout) throws TimeoutException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException(null, "Interrupted while waiting for a deployment response", e);
        }
    }

    /** Whether the call has finished, successfully or not. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Cancels the call: a call still waiting for a replica never reaches one, a running call sees its
     * thread interrupted. Has no effect on a finished call.
     *
     * @return whether this call cancelled the response
     */
    public boolean cancel() {
        return result.cancel(true);
    }

    /**
     * A response holding {@code fn} applied to this one's result; failures pass through. {@code fn} runs
     * on the calling thread if the result is already there, else on a virtual thread of its own: never
     * on the transport thread that received the answer, so it may block. It runs in the call context of
     * the thread that called this method, so the handle calls it makes keep that deadline, and in its
     * trace context, so they are in the caller's trace.
     */
    public <U> DeploymentResponse<U> thenApply(Function<? super T, ? extends U> fn) {
        Function<T, U> inContext = inCallerContext(fn);
        return new DeploymentResponse<>(result.isDone() ? result.thenApply(inContext)
                : result.thenApplyAsync(inContext, CONTINUATIONS));
    }

    /**
     * Feeds this response into a next call as soon as it resolves, without blocking the caller:
     * {@code detector.detect(image).thenCompose(boxes -> recognizer.read(boxes))}. Like
     * {@link #thenApply}, {@code next} runs off transport threads, in the caller's call context.
     */
    public <U> DeploymentResponse<U> thenCompose(Function<? super T, DeploymentResponse<U>> next) {
        Function<T, CompletableFuture<U>> call = inCallerContext(value -> next.apply(value).result);
        return new DeploymentResponse<>(result.isDone() ? result.thenCompose(call)
                : result.thenComposeAsync(call, CONTINUATIONS));
    }

    /** {@code fn} in the caller's call context, and in its trace: the calls it makes are the caller's children. */
    private static <A, B> Function<A, B> inCallerContext(Function<? super A, ? extends B> fn) {
        CallContext context = CallContext.current().orElse(null);
        Function<A, B> traced = io.opentelemetry.context.Context.current().wrapFunction(fn::apply);
        return context == null ? traced : value -> context.run(() -> traced.apply(value));
    }

    /**
     * A future completed with this response's outcome, for code that speaks {@link CompletableFuture}. If
     * the response is pending, the future completes on a virtual thread of its own, so what depends on
     * it never runs on a transport thread.
     */
    public CompletableFuture<T> toCompletableFuture() {
        if (result.isDone()) {
            return result.copy();
        }
        CompletableFuture<T> copy = new CompletableFuture<>();
        result.whenCompleteAsync((value, failure) -> {
            if (failure == null) {
                copy.complete(value);
            } else {
                copy.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
            }
        }, CONTINUATIONS);
        return copy;
    }

    /**
     * Runs {@code action} with the outcome (a value, or the failure) once the response completes, on the
     * thread that completes it: for a call to another process, the transport thread that read the
     * answer. For the runtime's own bookkeeping, which never blocks; code that may block uses
     * {@link #thenApply} or {@link #toCompletableFuture()}.
     */
    public void onCompletion(java.util.function.BiConsumer<? super T, ? super Throwable> action) {
        result.whenComplete((value, failure) -> action.accept(value,
                failure instanceof CompletionException ? failure.getCause() : failure));
    }

    /**
     * A response holding every result in order, once all have arrived; it fails with the first failure if any call failed.
     */
    public static <T> DeploymentResponse<List<T>> all(List<DeploymentResponse<T>> responses) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[responses.size()];
        for (int i = 0; i < futures.length; i++) {
            futures[i] = responses.get(i).result;
        }
        CompletableFuture<List<T>> gathered = CompletableFuture.allOf(futures).thenApply(ignored -> {
            List<T> values = new ArrayList<>(responses.size());
            for (DeploymentResponse<T> response : responses) {
                values.add(response.result.join());
            }
            return values;
        });
        return new DeploymentResponse<>(gathered);
    }

    /**
     * A response that completes when every one of {@code inputs} has, and fails with the first failure
     * among them. Generated handles use it to send a call as soon as the responses passed as its
     * arguments resolve.
     */
    public static DeploymentResponse<Void> whenAll(DeploymentResponse<?>... inputs) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            futures[i] = inputs[i].result;
        }
        return new DeploymentResponse<>(CompletableFuture.allOf(futures));
    }

    /** Waits for every response and returns their results in order. */
    public static <T> List<T> joinAll(List<DeploymentResponse<T>> responses) {
        return all(responses).join();
    }

    private static RuntimeException rethrowable(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new DeploymentException(null, "Deployment call failed: " + failure, failure);
    }

    @Override
    public String toString() {
        return "DeploymentResponse[" + (result.isDone() ? "done" : "pending") + "]";
    }
}
