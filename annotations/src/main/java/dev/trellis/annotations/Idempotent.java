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
 * with an error naming the deployment, as in Ray Serve, unless its method is idempotent: then it runs
 * again on another replica, within its deadline, at most twice (an input that crashes every process it
 * reaches must not take the deployment down replica by replica), and the caller sees nothing of the
 * loss. Without this annotation a method is assumed to have effects that must not happen twice.
 *
 * <p>"Never reached a replica" is judged by the replica's acknowledgement, which it sends before it
 * runs a call: a process killed between starting a call and flushing that acknowledgement leaves a
 * short window in which even a method without this annotation can run twice.
 *
 * <p>Only on a deployment's served methods: public, not static, neither {@code @HealthCheck} nor
 * {@code @Reconfigure}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Idempotent {
}
