package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batches concurrent calls of a deployment method into one call, as Ray Serve's {@code @serve.batch}:
 * the method takes a {@code List<T>} and returns a {@code List<R>} of the same length, one result per
 * item, in order; its handle takes one {@code T} and returns a {@code DeploymentResponse<R>}.
 *
 * <pre>{@code
 * @Batch(maxSize = 32, maxWaitMillis = 5)
 * public List<float[]> embed(List<String> texts) { ... one model run for all of them ... }
 * }</pre>
 *
 * <p>Per replica: a batch runs when {@link #maxSize()} calls wait, or {@link #maxWaitMillis()} after the
 * first call of the batch arrived, whichever comes first (also after an idle spell). An exception, or a
 * result list of the wrong length, fails every caller of that batch and no other. A cancelled caller
 * leaves the batch; if all its callers are cancelled the method is not called. A queue longer than
 * {@code maxSize} drains batch after batch. Each waiting call holds one of the replica's
 * {@code maxOngoingRequests}, so a batch can never be larger than that: the processor requires
 * {@code maxOngoingRequests >= maxSize}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Batch {

    /** The most calls in one batch, at least 1. Defaults to 10, as Ray Serve's. */
    int maxSize() default 10;

    /** How long the first call of a batch waits for others, in milliseconds, at least 0. Defaults to 10. */
    long maxWaitMillis() default 10;

    /** How many batches of this method one replica runs at once, at least 1. Defaults to 1. */
    int maxConcurrentBatches() default 1;
}
