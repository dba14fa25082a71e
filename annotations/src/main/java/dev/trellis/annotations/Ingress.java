package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Deployment} that receives an application's outside traffic. Its {@link Post} and
 * {@link Get} methods become HTTP routes under {@link #path()}, with JSON bodies.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Ingress {

    /** The route prefix, starting with '/'. Defaults to "/". */
    String path() default "/";
}
