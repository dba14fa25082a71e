package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the controller choose a deployment's replica count from its load, as Ray Serve's autoscaler
 * does: desired replicas = ongoing requests / {@link #targetOngoingRequests()}, clamped to
 * [{@link #min()}, {@link #max()}], applied once a decision has held for the whole delay.
 *
 * <p>Declaring it on a {@link Deployment} turns autoscaling on for that deployment.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Autoscaling {

    /** The fewest replicas; 0 lets the deployment scale to zero. Defaults to 1. */
    int min() default 1;

    /** The most replicas. Defaults to 1. */
    int max() default 1;

    /** Replicas at start. Defaults to -1, which means {@link #min()}. */
    int initial() default -1;

    /** Ongoing requests per replica the autoscaler aims for. Defaults to 2. */
    double targetOngoingRequests() default 2;

    /** How long an upscale decision must hold before it applies, in milliseconds. Defaults to 30 s. */
    long upscaleDelayMillis() default 30_000;

    /** How long a downscale decision must hold before it applies, in milliseconds. Defaults to 600 s. */
    long downscaleDelayMillis() default 600_000;
}
