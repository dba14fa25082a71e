package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What one replica of a deployment needs from the machine it runs on. The values are hints for
 * placement and for the generated manifests (Kubernetes resource requests); they are not limits
 * enforced inside one JVM.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Resources {

    /** CPU cores per replica; fractions are allowed (0.5). Defaults to 1. */
    double cpus() default 1;

    /** GPUs per replica; fractions share one device (0.5 lets two replicas use one GPU). Defaults to 0. */
    double gpus() default 0;

    /** Memory per replica in MiB. Defaults to 0, which means no reservation. */
    long memoryMb() default 0;
}
