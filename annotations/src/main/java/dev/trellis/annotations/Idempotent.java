package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that calling a deployment method twice has the same effect as calling it once (a model's
 * inference, a lookup), so that the runtime may run it again.
 *
 * <p>Every call that never reached a replica is retried on another replica, idempotent or not. A call a
 * replica was already running when the replica went away (its process died, its connection broke) fails
 * with an error naming the deployment, as in Ray Serve, unless its method is idempotent: then it is
 * retried on another replica too, within its deadline, and the caller sees nothing of the loss. Without
 * this annotation a method is assumed to have effects that must not happen twice.
 *
 * <p>Only on a deployment's served methods: public, not static, neither {@code @HealthCheck} nor
 * {@code @Reconfigure}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
