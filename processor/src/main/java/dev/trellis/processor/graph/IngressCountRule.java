package dev.trellis.processor.graph;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.DeploymentModel;
import java.util.Collection;
import java.util.Comparator;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * One application, one ingress: a deployment the ingress calls must not be an {@code @Ingress} itself,
 * since only the application's ingress receives outside traffic. Reported on the {@code @Application},
 * once for every other ingress, in name order.
 */
final class IngressCountRule {

    private IngressCountRule() {}

    static void check(String application, DeploymentModel ingress, Collection<DeploymentModel> reachable,
            Diagnostics diagnostics, TypeElement source, AnnotationMirror annotation) {
        reachable.stream()
                .filter(model -> model.ingress().isPresent() && !model.type().equals(ingress.type()))
                .sorted(Comparator.comparing(model -> model.type().canonicalName()))
                .forEach(other -> diagnostics.error(ErrorMessages.multipleIngresses(application,
                        ingress.type().canonicalName(), other.type().canonicalName()), source, annotation));
    }
}
