package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that applies a new configuration to a running replica in place, as Ray Serve's
 * {@code reconfigure(user_config)}: it takes the deployment's configuration record, the same type its
 * constructor takes. Without it, a change of configuration replaces the replicas.
 *
 * <pre>{@code
 * @Reconfigure
 * public void reconfigure(RecognizerConfig config) { this.minScore = config.minScore(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Reconfigure {
}
