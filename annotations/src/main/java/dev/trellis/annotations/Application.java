package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an application: its {@link #ingress()} deployment and every deployment reachable from it
 * through handle parameters. The processor generates, next to the annotated class,
 * {@code <SimpleName>Graph} (found at run time with {@link java.util.ServiceLoader}) and the manifest
 * {@code META-INF/trellis/<name>.yaml}.
 *
 * <pre>{@code
 * @Application(name = "ocr", ingress = OcrPipeline.class)
 * final class OcrApp {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Application {

    /** The application's name, unique on the class path; lower-case letters, digits and '-'. */
    String name();

    /** The deployment that receives outside traffic; it must be annotated {@link Ingress}. */
    Class<?> ingress();

    /**
     * How long a request at the ingress may take, in milliseconds, at least 1; Ray Serve's
     * {@code request_timeout_s}. It is the deadline of the request's call and of every call made on its
     * behalf, in any process; past it the request is answered HTTP 408 (gRPC {@code DEADLINE_EXCEEDED})
     * and its work is cancelled, not retried. Defaults to 60 s.
     */
    long requestTimeoutMillis() default 60_000;
}
