package dev.trellis.processor;

import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.read.AnnotationNames;
import dev.trellis.processor.read.DeploymentReader;
import dev.trellis.processor.write.DispatcherWriter;
import dev.trellis.processor.write.HandleWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads every {@code @Deployment} of the round and writes its handle and dispatcher. Handles are written
 * in the round their deployment appears, so deployments that take them compile in the next round.
 * Models are kept for the application step, including those of deployments from the class path.
 */
final class DeploymentStep implements Step {

    private final Filer filer;
    private final Elements elements;
    private final Diagnostics diagnostics;
    private final DeploymentReader reader;
    private final Map<String, Optional<DeploymentModel>> models = new HashMap<>();
    private final HandleWriter handles = new HandleWriter();
    private final DispatcherWriter dispatchers = new DispatcherWriter();

    DeploymentStep(Filer filer, Elements elements, Diagnostics diagnostics) {
        this.filer = filer;
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.reader = new DeploymentReader(elements, diagnostics);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.DEPLOYMENT, AnnotationNames.INGRESS, AnnotationNames.POST,
                AnnotationNames.GET);
    }

    @Override
    public void process(RoundEnvironment round) {
        for (TypeElement type : sorted(round, AnnotationNames.INGRESS)) {
            if (!isDeployment(type)) {
                diagnostics.error(ErrorMessages.ingressWithoutDeployment(type.getQualifiedName().toString()),
                        type);
            }
        }
        for (TypeElement type : sorted(round, AnnotationNames.DEPLOYMENT)) {
            try {
                Optional<DeploymentModel> model = modelOf(type);
                if (model.isPresent()) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException e) {
                diagnostics.error(ErrorMessages.internalError(type.getQualifiedName().toString(), e), type);
            }
        }
    }

    /** The model of a deployment class, read once; empty if it has errors (reported when read). */
    Optional<DeploymentModel> modelOf(TypeElement type) {
        String key = type.getQualifiedName().toString();
        Optional<DeploymentModel> known = models.get(key);
        if (known == null) {
            known = reader.read(type);
            models.put(key, known);
        }
        return known;
    }

    private void write(DeploymentModel model) throws IOException {
        handles.write(model).writeTo(filer);
        dispatchers.write(model).writeTo(filer);
    }

    private boolean isDeployment(Element element) {
        return element.getAnnotationMirrors().stream().anyMatch(mirror -> ((TypeElement) mirror
                .getAnnotationType().asElement()).getQualifiedName().contentEquals(AnnotationNames.DEPLOYMENT));
    }

    private List<TypeElement> sorted(RoundEnvironment round, String annotation) {
        return AnnotatedTypes.sorted(round, elements, annotation);
    }
}
