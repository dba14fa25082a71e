package dev.trellis.codegen;

import static com.google.common.truth.Truth.assertWithMessage;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.RuntimeNames;
import org.junit.jupiter.api.Test;

/** The processor names runtime types by constants; each must name a real runtime class. */
class RuntimeNamesTest {

    @Test
    void everyConstantNamesARuntimeClass() throws Exception {
        for (ClassName name : RuntimeNames.ALL) {
            Class<?> type = Class.forName(name.reflectionName());
            assertWithMessage("constant %s", name).that(type.getName()).isEqualTo(name.reflectionName());
        }
    }
}
