package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as one step of a pipeline: Trellis runs it as a set of replicas and generates a typed
 * handle ({@code <SimpleName>Handle}) through which other deployments call it.
 *
 * <p>A deployment is a public, concrete, non-generic top-level class with exactly one public
 * constructor. Every constructor parameter whose type is another deployment's handle is an edge of
 * the application graph; the processor finds all edges at compile time. Every public instance method
 * becomes a method of the handle, returning a {@code DeploymentResponse} of the method's result.
 *
 * <pre>{@code
 * @Deployment(numReplicas = 2, resources = @Resources(cpus = 1, gpus = 0.5))
 * public final class TextRecognizer { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Deployment {

    /**
     * The deployment's name, unique within the application. Defaults to the class's simple name.
     */
    String name() default "";

    /**
     * How many replicas run this deployment. Defaults to 1. Must be at least 1. Do not set it
     * together with {@link #autoscaling()}: then the autoscaler chooses the count.
     */
    int numReplicas() default 1;

    /**
     * What one replica needs. Defaults to one CPU, no GPU and no memory reservation.
     */
    Resources resources() default @Resources;

    /**
     * The most calls one replica runs at the same time. Defaults to 5 (as Ray Serve's
     * {@code max_ongoing_requests}). A router never sends a call to a replica at this limit.
     */
    int maxOngoingRequests() default 5;

    /**
     * The most calls that may wait for a replica across the deployment. Past it a call fails at once
     * with a back-pressure error (HTTP 503). Defaults to -1, which means unbounded.
     */
    int maxQueuedRequests() default -1;

    /**
     * Autoscaling bounds and target. Unset by default, which means a fixed {@link #numReplicas()}.
     */
    Autoscaling autoscaling() default @Autoscaling;
}
