package dev.trellis.processor;

import dev.trellis.processor.graph.NodeProfileRule;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.read.AnnotationNames;
import dev.trellis.processor.read.ApplicationReader;
import dev.trellis.processor.write.ClientWriter;
import dev.trellis.processor.write.GraphWriter;
import dev.trellis.processor.write.ManifestWriter;
import dev.trellis.processor.write.MermaidWriter;
import dev.trellis.processor.write.ProtoWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Reads every {@code @Application}, builds and checks its graph, and writes the graph class, the
 * gRPC client, the manifest, the {@code .proto} and the Mermaid picture. The {@code ServiceLoader}
 * index of all graphs is written once, when processing is over.
 */
final class ApplicationStep implements Step {

    private static final String GRAPH_INDEX =
            "META-INF/services/" + RuntimeNames.APPLICATION_GRAPH.reflectionName();

    private final Filer filer;
    private final Elements elements;
    private final Diagnostics diagnostics;
    private final ApplicationReader reader;
    private final DeploymentStep deployments;
    private final ProcessorOptions options;
    private final Map<String, String> declarationsByName = new HashMap<>();
    private final SortedSet<String> graphClasses = new TreeSet<>();
    private final List<String> waitingForDeployments = new ArrayList<>();
    private final GraphWriter graphs = new GraphWriter();
    private final ClientWriter clients = new ClientWriter();
    private final ManifestWriter manifests = new ManifestWriter();
    private final MermaidWriter diagrams = new MermaidWriter();
    private final ProtoWriter protos = new ProtoWriter();
    private final SortedSet<String> reached = new TreeSet<>();

    ApplicationStep(Filer filer, Elements elements, Diagnostics diagnostics, DeploymentStep deployments,
            ProcessorOptions options) {
        this.filer = filer;
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.reader = new ApplicationReader(elements, diagnostics);
        this.deployments = deployments;
        this.options = options;
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.APPLICATION);
    }

    @Override
    public void process(RoundEnvironment round) {
        List<TypeElement> types = new ArrayList<>();
        for (String waiting : waitingForDeployments) {
            types.add(elements.getTypeElement(waiting));
        }
        waitingForDeployments.clear();
        types.addAll(AnnotatedTypes.sorted(round, elements, AnnotationNames.APPLICATION));
        for (TypeElement type : types) {
            try {
                options.failIfRequested(type);
                Optional<ApplicationModel> application = reader.read(type, deployments::modelOf);
                if (application.isEmpty() && deployments.hasDeferred() && !round.processingOver()) {
                    // A deployment it reaches waits for a class of a later round; so does the application.
                    waitingForDeployments.add(type.getQualifiedName().toString());
                    continue;
                }
                application.ifPresent(model -> model.deployments().forEach(
                        deployment -> reached.add(deployment.type().canonicalName())));
                if (application.isPresent() && isUniquelyNamed(application.get(), type)) {
                    NodeProfileRule.check(application.get(), options.nodeProfiles(), diagnostics, type,
                            applicationAnnotation(type));
                    write(application.get(), type);
                }
            } catch (RuntimeException | IOException e) {
                diagnostics.error(ErrorMessages.internalError(type.getQualifiedName().toString(), e), type);
            }
        }
    }

    private static javax.lang.model.element.AnnotationMirror applicationAnnotation(TypeElement type) {
        return type.getAnnotationMirrors().stream()
                .filter(mirror -> mirror.getAnnotationType().toString().equals(AnnotationNames.APPLICATION))
                .findFirst().orElse(null);
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
        clients.write(application).writeTo(filer);
        FileObject manifest = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
                application.manifestResource(), type);
        try (Writer writer = manifest.openWriter()) {
            writer.write(manifests.write(application));
        }
        FileObject diagram = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
                MermaidWriter.resourceOf(application), type);
        try (Writer writer = diagram.openWriter()) {
            writer.write(diagrams.write(application));
        }
        FileObject proto = filer.createResource(StandardLocation.CLASS_OUTPUT, "",
                "META-INF/trellis/" + application.name() + ".proto", type);
        try (Writer writer = proto.openWriter()) {
            writer.write(protos.write(application, deployments.wireCatalog()));
        }
        graphClasses.add(application.graphType().reflectionName());
    }

    /** The qualified names of the deployments that some application of this compile reaches. */
    Set<String> reachedDeployments() {
        return reached;
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
