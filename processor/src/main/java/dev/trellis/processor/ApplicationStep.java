package dev.trellis.processor;

import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.read.AnnotationNames;
import dev.trellis.processor.read.ApplicationReader;
import dev.trellis.processor.write.GraphWriter;
import dev.trellis.processor.write.ManifestWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads every {@code @Application}, builds and checks its graph, and writes the graph class and the
 * manifest. The {@code ServiceLoader} index of all graphs is written once, when processing is over.
 */
final class ApplicationStep implements Step {

    private static final String GRAPH_INDEX =
            "META-INF/services/" + RuntimeNames.APPLICATION_GRAPH.reflectionName();

    private final Filer filer;
    private final Elements elements;
    private final Diagnostics diagnostics;
    private final ApplicationReader reader;
    private final DeploymentStep deployments;
    private final Map<String, String> declarationsByName = new HashMap<>();
    private final SortedSet<String> graphClasses = new TreeSet<>();
    private final GraphWriter graphs = new GraphWriter();
    private final ManifestWriter manifests = new ManifestWriter();

    ApplicationStep(Filer filer, Elements elements, Diagnostics diagnostics, DeploymentStep deployments) {
        this.filer = filer;
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.reader = new ApplicationReader(elements, diagnostics);
        this.deployments = deployments;
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.APPLICATION);
    }

    @Override
    public void process(RoundEnvironment round) {
        for (TypeElement type : AnnotatedTypes.sorted(round, elements, AnnotationNames.APPLICATION)) {
            try {
                Optional<ApplicationModel> application = reader.read(type, deployments::modelOf);
                if (application.isPresent() && isUniquelyNamed(application.get(), type)) {
                    write(application.get(), type);
                }
            } catch (RuntimeException | IOException e) {
                diagnostics.error(ErrorMessages.internalError(type.getQualifiedName().toString(), e), type);
            }
        }
    }

    private boolean isUniquelyNamed(ApplicationModel application, TypeElement type) {
        String declaration = type.getQualifiedName().toString();
        String other = declarationsByName.putIfAbsent(application.name(), declaration);
        if (other != null && !other.equals(declaration)) {
            diagnostics.error(ErrorMessages.duplicateApplication(application.name(), other), type);
            return false;
        }
        return true;
    }

    private void write(ApplicationModel application, TypeElement type) throws IOException {
        graphs.write(application).writeTo(filer);
        FileObject manifest = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
                application.manifestResource(), type);
        try (Writer writer = manifest.openWriter()) {
            writer.write(manifests.write(application));
        }
        graphClasses.add(application.graphType().reflectionName());
    }

    @Override
    public void finish() {
        if (graphClasses.isEmpty()) {
            return;
        }
        try {
            FileObject index = filer.createResource(StandardLocation.CLASS_OUTPUT, "", GRAPH_INDEX);
            try (Writer writer = index.openWriter()) {
                for (String graphClass : graphClasses) {
                    writer.write(graphClass);
                    writer.write('\n');
                }
            }
        } catch (IOException | RuntimeException e) {
            diagnostics.error(ErrorMessages.internalError(GRAPH_INDEX, e), null);
        }
    }
}
