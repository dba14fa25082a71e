package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.ConstructorArgument;
import dev.trellis.processor.model.DeploymentModel.Reconfiguration;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/** Finds the {@code @Reconfigure} method and checks that it takes the constructor's configuration record. */
final class ReconfigureReader {

    private final Diagnostics diagnostics;

    ReconfigureReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<Reconfiguration> read(TypeElement type, List<ConstructorArgument> constructor) {
        List<ExecutableElement> marked = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .filter(method -> AnnotationReader.isPresent(method, AnnotationNames.RECONFIGURE))
                .toList();
        if (marked.isEmpty()) {
            return Optional.empty();
        }
        String deployment = type.getSimpleName().toString();
        if (marked.size() > 1) {
            diagnostics.error(ErrorMessages.twoReconfigureMethods(deployment), marked.get(1));
            return Optional.empty();
        }
        ExecutableElement method = marked.get(0);
        String name = method.getSimpleName().toString();
        Optional<ClassName> record = constructor.stream()
                .filter(argument -> argument instanceof ConstructorArgument.ConfigRecord)
                .map(argument -> ((ConstructorArgument.ConfigRecord) argument).type())
                .findFirst();
        if (record.isEmpty()) {
            diagnostics.error(ErrorMessages.reconfigureWithoutConfig(deployment, name), method);
            return Optional.empty();
        }
        boolean fits = method.getModifiers().contains(Modifier.PUBLIC)
                && !method.getModifiers().contains(Modifier.STATIC)
                && method.getParameters().size() == 1
                && method.getParameters().get(0).asType().getKind() == TypeKind.DECLARED
                && ClassName.get((TypeElement) ((DeclaredType) method.getParameters().get(0).asType()).asElement())
                        .equals(record.get());
        if (!fits) {
            diagnostics.error(ErrorMessages.reconfigureSignature(deployment, name, record.get().simpleName()),
                    method);
            return Optional.empty();
        }
        return Optional.of(new Reconfiguration(name, record.get()));
    }
}
