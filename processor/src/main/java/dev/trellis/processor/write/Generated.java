package dev.trellis.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** The {@code @Generated} marker every generated file carries; no date, so builds are reproducible. */
final class Generated {

    private Generated() {}

    static final String PROCESSOR = "dev.trellis.processor.TrellisProcessor";

    static AnnotationSpec annotation() {
        return AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", PROCESSOR)
                .build();
    }
}
