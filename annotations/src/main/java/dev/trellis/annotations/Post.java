package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves an {@link Ingress} method as {@code POST <ingress path><value>}. The method takes at most one
 * parameter, read from the JSON request body; its result is written back as JSON.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Post {

    /** The sub-path under the ingress path, starting with '/'. Defaults to "", the ingress path itself. */
    String value() default "";
}
