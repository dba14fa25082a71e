package dev.trellis.processor;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.read.AnnotationNames;
import dev.trellis.processor.read.Deferrals;
import dev.trellis.processor.read.DeploymentReader;
import dev.trellis.processor.wire.WireCatalog;
import dev.trellis.processor.wire.WireDefinition;
import dev.trellis.processor.wire.WireType;
import dev.trellis.processor.wire.WireTypeResolver;
import dev.trellis.processor.write.DeploymentWireWriter;
import dev.trellis.processor.write.DispatcherWriter;
import dev.trellis.processor.write.HandleWriter;
import dev.trellis.processor.write.WireCodecWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads every {@code @Deployment} of the round and writes its handle and dispatcher. Handles are written
 * in the round their deployment appears, so deployments that take them compile in the next round.
 * Models are kept for the application step, including those of deployments from the class path.
 */
final class DeploymentStep implements Step {

    private final Filer filer;
    private final Elements elements;
    private final Diagnostics diagnostics;
    private final ProcessorOptions options;
    private final DeploymentReader reader;
    private final Map<String, Optional<DeploymentModel>> models = new HashMap<>();
    private final HandleWriter handles = new HandleWriter();
    private final DispatcherWriter dispatchers = new DispatcherWriter();
    private final DeploymentWireWriter wires = new DeploymentWireWriter();
    private final WireCodecWriter codecs = new WireCodecWriter();
    private final WireCatalog wireCatalog = new WireCatalog();
    private final Set<ClassName> writtenCodecs = new HashSet<>();
    private final Deferrals deferrals = new Deferrals();

    DeploymentStep(Filer filer, Elements elements, Types types, Diagnostics diagnostics,
            ProcessorOptions options) {
        this.filer = filer;
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.options = options;
        this.reader = new DeploymentReader(elements, types, diagnostics, options,
                new WireTypeResolver(wireCatalog), deferrals);
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.DEPLOYMENT, AnnotationNames.INGRESS, AnnotationNames.POST,
                AnnotationNames.GET, AnnotationNames.DEFAULT, AnnotationNames.RECONFIGURE, AnnotationNames.HEALTH_CHECK,
                AnnotationNames.IDEMPOTENT, AnnotationNames.BATCH, AnnotationNames.MULTIPLEXED);
    }

    @Override
    public void process(RoundEnvironment round) {
        for (TypeElement type : sorted(round, AnnotationNames.INGRESS)) {
            if (!isDeployment(type)) {
                diagnostics.error(ErrorMessages.ingressWithoutDeployment(type.getQualifiedName().toString()),
                        type);
            }
        }
        deferrals.lastRound(round.processingOver());
        List<TypeElement> types = new ArrayList<>();
        for (String deferred : deferrals.takeAll()) {
            types.add(elements.getTypeElement(deferred));
        }
        types.addAll(sorted(round, AnnotationNames.DEPLOYMENT));
        for (TypeElement type : types) {
            try {
                options.failIfRequested(type);
                Optional<DeploymentModel> model = modelOf(type);
                if (model.isPresent()) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException e) {
                diagnostics.error(ErrorMessages.internalError(type.getQualifiedName().toString(), e), type);
                // Reported once: applications that reach it see a deployment with errors.
                models.put(type.getQualifiedName().toString(), Optional.empty());
            }
        }
    }

    /**
     * The model of a deployment class, read once; empty if it has errors (reported when read) or waits
     * for a class a later round may generate.
     */
    Optional<DeploymentModel> modelOf(TypeElement type) {
        String key = type.getQualifiedName().toString();
        Optional<DeploymentModel> known = models.get(key);
        if (known == null) {
            known = reader.read(type);
            if (!deferrals.isDeferred(key)) {
                models.put(key, known);
            }
        }
        return known;
    }

    /** Whether some deployment waits for a class that a later round may generate. */
    boolean hasDeferred() {
        return deferrals.hasAny();
    }

    private void write(DeploymentModel model) throws IOException {
        handles.write(model).writeTo(filer);
        dispatchers.write(model).writeTo(filer);
        wires.write(model).writeTo(filer);
        for (WireDefinition definition : wireCatalog.closure(wireTypesOf(model))) {
            writeCodec(definition);
        }
    }

    /** Writes a codec once per compilation, and not at all if the class path has it already. */
    private void writeCodec(WireDefinition definition) throws IOException {
        if (definition instanceof WireDefinition.EnumDefinition) {
            return;
        }
        ClassName codec = WireType.MessageType.codecOf(definition.type());
        if (writtenCodecs.add(codec) && elements.getTypeElement(codec.canonicalName()) == null) {
            codecs.write(definition).writeTo(filer);
        }
    }

    /** The wire types of every parameter and result of a deployment's methods. */
    static List<WireType> wireTypesOf(DeploymentModel model) {
        List<WireType> types = new ArrayList<>();
        for (MethodModel method : model.methods()) {
            method.parameters().forEach(parameter -> types.add(parameter.wire()));
            method.resultWire().ifPresent(types::add);
        }
        return types;
    }

    /** Every record, sealed interface and enum that crossed an edge so far. */
    WireCatalog wireCatalog() {
        return wireCatalog;
    }

    private boolean isDeployment(Element element) {
        return element.getAnnotationMirrors().stream().anyMatch(mirror -> ((TypeElement) mirror
                .getAnnotationType().asElement()).getQualifiedName().contentEquals(AnnotationNames.DEPLOYMENT));
    }

    private List<TypeElement> sorted(RoundEnvironment round, String annotation) {
        return AnnotatedTypes.sorted(round, elements, annotation);
    }
}
