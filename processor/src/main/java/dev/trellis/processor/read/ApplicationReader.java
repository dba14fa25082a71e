package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.graph.GraphBuilder;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.model.DeploymentModel;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The application gate: reads an {@code @Application} class, checks its name and ingress, and hands the
 * deployments reachable from the ingress to the {@link GraphBuilder}.
 */
public final class ApplicationReader {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Elements elements;
    private final Diagnostics diagnostics;

    public ApplicationReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    /**
     * @param type the {@code @Application} class
     * @param deployments the model of a deployment class, empty if it had errors (already reported)
     * @return the validated application, or empty if it has errors
     */
    public Optional<ApplicationModel> read(TypeElement type,
            Function<TypeElement, Optional<DeploymentModel>> deployments) {
        AnnotationReader application = AnnotationReader.find(type, AnnotationNames.APPLICATION, elements)
                .orElseThrow(() -> new IllegalArgumentException(type + " is not an @Application"));
        String name = (String) application.value("name");
        boolean valid = true;
        if (!NAME.matcher(name).matches()) {
            diagnostics.error(ErrorMessages.applicationName(name), type, application.mirror(),
                    application.written("name").orElse(null));
            valid = false;
        }
        long requestTimeoutMillis = ((Number) application.value("requestTimeoutMillis")).longValue();
        if (requestTimeoutMillis < 1) {
            diagnostics.error(ErrorMessages.invalidSetting("@Application(requestTimeoutMillis)",
                    Long.toString(requestTimeoutMillis), "a request needs at least 1 ms"), type, application.mirror(),
                    application.written("requestTimeoutMillis").orElse(null));
            valid = false;
        }
        Optional<TypeElement> ingress = readIngress(application, name);
        if (!valid || ingress.isEmpty()) {
            return Optional.empty();
        }
        Optional<DeploymentModel> ingressModel = deployments.apply(ingress.get());
        if (ingressModel.isEmpty()) {
            return Optional.empty();
        }
        return new GraphBuilder(diagnostics, target -> deployments.apply(typeOf(target)))
                .build(name, ClassName.get(type), ingressModel.get(), requestTimeoutMillis, type, application.mirror());
    }

    private Optional<TypeElement> readIngress(AnnotationReader application, String name) {
        TypeMirror ingressType = (TypeMirror) application.value("ingress");
        AnnotationValue written = application.written("ingress").orElse(null);
        TypeElement ingress = (TypeElement) ((DeclaredType) ingressType).asElement();
        String ingressName = ingress.getQualifiedName().toString();
        if (!AnnotationReader.isPresent(ingress, AnnotationNames.DEPLOYMENT)) {
            diagnostics.error(ErrorMessages.ingressNotDeployment(name, ingressName),
                    application.element(), application.mirror(), written);
            return Optional.empty();
        }
        if (!AnnotationReader.isPresent(ingress, AnnotationNames.INGRESS)) {
            diagnostics.error(ErrorMessages.ingressWithoutAnnotation(name, ingressName),
                    application.element(), application.mirror(), written);
            return Optional.empty();
        }
        return Optional.of(ingress);
    }

    private TypeElement typeOf(ClassName deployment) {
        return elements.getTypeElement(deployment.canonicalName());
    }
}
