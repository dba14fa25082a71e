package dev.trellis.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** The {@code @Generated} marker every generated file carries; no date, so builds are reproducible. */
final class Generated {

    private Generated() {}

    static final String PROCESSOR = "dev.trellis.processor.TrellisProcessor";

    /**
     * Generated code names the user's types and methods, some of which may be deprecated; that is the
     * user's business, not a warning in code they cannot edit.
     */
    static AnnotationSpec suppressDeprecation() {
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S}", "deprecation", "removal")
                .build();
    }

    static AnnotationSpec annotation() {
        return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", PROCESSOR)
                .build();
    }
}
