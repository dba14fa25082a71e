package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that tells whether a replica is healthy, as Ray Serve's {@code check_health}: a
 * public method without parameters that returns {@code void} (throwing means unhealthy) or
 * {@code boolean} ({@code false} means unhealthy). The controller calls it every {@link #periodMillis()};
 * a call that throws, answers false or takes longer than {@link #timeoutMillis()} is a failure, and three
 * failures in a row replace the replica. Without it, a replica is healthy while its process answers.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface HealthCheck {

    /** How often the check runs, in milliseconds. Defaults to 10 s. */
    long periodMillis() default 10_000;

    /** How long one check may take, in milliseconds. Defaults to 30 s. */
    long timeoutMillis() default 30_000;
}
