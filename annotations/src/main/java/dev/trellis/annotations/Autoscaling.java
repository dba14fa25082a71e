package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the controller choose a deployment's replica count from its load, with Ray Serve's policy:
 * desired replicas = ongoing requests (queued and running, averaged over {@link #lookBackMillis()}) ÷
 * {@link #targetOngoingRequests()}, applied as {@code ceil(current + factor × (desired − current))}, clamped
 * to [{@link #min()}, {@link #max()}], once the decision has held for the whole delay. The defaults are
 * for real-time traffic and differ from Ray Serve's where it would react too slowly: see
 * {@code docs/autoscaling.md}. Each setting can be overridden in the deployment YAML's
 * {@code autoscaling:} block.
 *
 * <p>Declaring it on a {@link Deployment} turns autoscaling on for that deployment; it excludes
 * {@link Deployment#numReplicas()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Autoscaling {

    /** The fewest replicas; 0 lets the deployment scale to zero when idle. Defaults to 1. */
    int min() default 1;

    /** The most replicas. Defaults to 1. */
    int max() default 1;

    /** Replicas at start. Defaults to -1, which means {@link #min()}. */
    int initial() default -1;

    /** Ongoing requests per replica the autoscaler aims for. Defaults to 2, as Ray Serve's. */
    double targetOngoingRequests() default 2;

    /** How long an upscale decision must hold before it applies, in milliseconds. Defaults to 3 s (Ray Serve: 30 s). */
    long upscaleDelayMillis() default 3_000;

    /** How long a downscale decision must hold before it applies, in milliseconds. Defaults to 60 s (Ray Serve: 600 s). */
    long downscaleDelayMillis() default 60_000;

    /**
     * How long the decision to go from one replica to none must hold, in milliseconds. Defaults to -1,
     * which means {@link #downscaleDelayMillis()}.
     */
    long downscaleToZeroDelayMillis() default -1;

    /** How much of the step towards the desired count one upscale takes; 1 takes all of it. Defaults to 1. */
    double upscalingFactor() default 1;

    /** How much of the step towards the desired count one downscale takes. Defaults to 1. */
    double downscalingFactor() default 1;

    /** The window the ongoing requests are averaged over, in milliseconds. Defaults to 5 s (Ray Serve: 30 s). */
    long lookBackMillis() default 5_000;

    /** How often the load is sampled and a decision made, in milliseconds. Defaults to 100 ms, as Ray Serve decides. */
    long metricsIntervalMillis() default 100;
}
