package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves an {@link Ingress} method as {@code GET <ingress path><value>}. The method takes no
 * parameters; its result is written back as JSON.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Get {

    /** The sub-path under the ingress path, starting with '/'. Defaults to "", the ingress path itself. */
    String value() default "";
}
