package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.DeploymentModel.HealthCheckModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Finds the {@code @HealthCheck} method and checks its signature and timings. */
final class HealthCheckReader {

    private final Elements elements;
    private final Diagnostics diagnostics;

    HealthCheckReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    Optional<HealthCheckModel> read(TypeElement type) {
        List<ExecutableElement> marked = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> AnnotationReader.isPresent(method, AnnotationNames.HEALTH_CHECK))
                .toList();
        if (marked.isEmpty()) {
            return Optional.empty();
        }
        String deployment = type.getSimpleName().toString();
        if (marked.size() > 1) {
            diagnostics.error(ErrorMessages.twoHealthChecks(deployment), marked.get(1));
            return Optional.empty();
        }
        ExecutableElement method = marked.get(0);
        TypeKind result = method.getReturnType().getKind();
        if (!method.getModifiers().contains(Modifier.PUBLIC) || method.getModifiers().contains(Modifier.STATIC)
                || !method.getParameters().isEmpty() || result != TypeKind.VOID && result != TypeKind.BOOLEAN) {
            diagnostics.error(ErrorMessages.healthCheckSignature(deployment, method.getSimpleName().toString()),
                    method);
            return Optional.empty();
        }
        AnnotationReader annotation = AnnotationReader.find(method, AnnotationNames.HEALTH_CHECK, elements)
                .orElseThrow();
        long period = (Long) annotation.value("periodMillis");
        long timeout = (Long) annotation.value("timeoutMillis");
        boolean valid = positive(annotation, "periodMillis", period);
        valid &= positive(annotation, "timeoutMillis", timeout);
        return valid ? Optional.of(new HealthCheckModel(method.getSimpleName().toString(),
                result == TypeKind.BOOLEAN, period, timeout)) : Optional.empty();
    }

    private boolean positive(AnnotationReader annotation, String name, long value) {
        if (value >= 1) {
            return true;
        }
        diagnostics.error(ErrorMessages.invalidSetting("@HealthCheck." + name, Long.toString(value),
                "a health check needs at least 1 millisecond"), annotation.element(), annotation.mirror(),
                annotation.written(name).orElse(null));
        return false;
    }
}
