package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.DeploymentModel.MultiplexedModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Finds the {@code @Multiplexed} model loader and checks its signature and capacity. */
final class MultiplexedReader {

    private final Elements elements;
    private final Diagnostics diagnostics;

    MultiplexedReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    Optional<MultiplexedModel> read(TypeElement type) {
        List<ExecutableElement> marked = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> AnnotationReader.isPresent(method, AnnotationNames.MULTIPLEXED))
                .toList();
        if (marked.isEmpty()) {
            return Optional.empty();
        }
        String deployment = type.getSimpleName().toString();
        if (marked.size() > 1) {
            diagnostics.error(ErrorMessages.twoMultiplexed(deployment), marked.get(1));
            return Optional.empty();
        }
        ExecutableElement method = marked.get(0);
        boolean takesOneString = method.getParameters().size() == 1
                && method.getParameters().get(0).asType().toString().equals("java.lang.String");
        if (!method.getModifiers().contains(Modifier.PUBLIC) || method.getModifiers().contains(Modifier.STATIC)
                || !takesOneString || method.getReturnType().getKind() == TypeKind.VOID
                || method.getReturnType().getKind().isPrimitive()) {
            diagnostics.error(ErrorMessages.multiplexedSignature(deployment, method.getSimpleName().toString()), method);
            return Optional.empty();
        }
        AnnotationReader annotation = AnnotationReader.find(method, AnnotationNames.MULTIPLEXED, elements).orElseThrow();
        int maxModels = (Integer) annotation.value("maxModelsPerReplica");
        if (maxModels < 1) {
            diagnostics.error(ErrorMessages.invalidSetting("@Multiplexed(maxModelsPerReplica)", Integer.toString(maxModels),
                    "a replica holds at least 1 model"), method, annotation.mirror(),
                    annotation.written("maxModelsPerReplica").orElse(null));
            return Optional.empty();
        }
        return Optional.of(new MultiplexedModel(method.getSimpleName().toString(), maxModels));
    }
}
