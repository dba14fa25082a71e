package dev.trellis.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a configuration entry has when the deployment YAML does not set it: on a component of a
 * deployment's configuration record, or on a configuration parameter of its constructor. Written as
 * text and checked by the compiler against the type ({@code "0.3"} for a {@code double}, {@code "RED"}
 * for an enum); it appears in the generated manifest's {@code config} block.
 *
 * <pre>{@code
 * public record RecognizerConfig(@Default("0.3") double minScore, @Default("32") int maxBatch) {}
 * }</pre>
 *
 * <p>An entry without a default must be set in the deployment YAML when it is a primitive; otherwise it
 * is {@code null}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Default {

    /** The default, as text. */
    String value();
}
