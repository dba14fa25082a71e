package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.ProcessorOptions;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.ConfigEntry;
import dev.trellis.processor.model.ConstructorArgument;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.DeploymentModel.HealthCheckModel;
import dev.trellis.processor.model.DeploymentModel.MultiplexedModel;
import dev.trellis.processor.model.DeploymentModel.Reconfiguration;
import dev.trellis.processor.model.DeploymentSettings;
import dev.trellis.processor.model.HandleParameter;
import dev.trellis.processor.model.IngressModel;
import dev.trellis.processor.model.MethodModel;
import dev.trellis.processor.read.MethodReader.ReadMethod;
import dev.trellis.processor.wire.WireTypeResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The first gate: reads a {@code @Deployment} class into a {@link DeploymentModel}, reporting every
 * mistake on the element it concerns. A class with any error yields no model, so nothing is generated
 * from it.
 */
public final class DeploymentReader {

    /** A deployment's name becomes a gRPC service and a YAML key: letters, digits, '_' and '-'. */
    private static final java.util.regex.Pattern DEPLOYMENT_NAME =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final SettingsReader settings;
    private final HandleParameterReader handles;
    private final ConfigReader configs;
    private final Deferrals deferrals;
    private final MethodReader methods;
    private final IngressReader ingress;
    private final ReconfigureReader reconfigurations;
    private final HealthCheckReader healthChecks;
    private final MultiplexedReader multiplexedReader;

    public DeploymentReader(Elements elements, Types types, Diagnostics diagnostics,
            ProcessorOptions options, WireTypeResolver wireTypes, Deferrals deferrals) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.settings = new SettingsReader(elements, diagnostics, options);
        this.handles = new HandleParameterReader(elements, diagnostics, deferrals);
        this.configs = new ConfigReader(elements, diagnostics);
        this.deferrals = deferrals;
        this.methods = new MethodReader(diagnostics, wireTypes, deferrals, elements);
        this.ingress = new IngressReader(elements, types, diagnostics);
        this.reconfigurations = new ReconfigureReader(diagnostics);
        this.healthChecks = new HealthCheckReader(elements, diagnostics);
        this.multiplexedReader = new MultiplexedReader(elements, diagnostics);
    }

    /**
     * The model of {@code type}, or empty if it has errors (all of them reported) or was deferred to the
     * next round because a deployment it calls does not exist yet.
     */
    public Optional<DeploymentModel> read(TypeElement type) {
        int errorsBefore = diagnostics.errorCount();
        diagnostics.hold();
        Optional<DeploymentModel> model = readHeld(type, errorsBefore);
        if (deferrals.isDeferred(type.getQualifiedName().toString())) {
            diagnostics.discard(errorsBefore); // read again next round; report what is wrong then
            return Optional.empty();
        }
        diagnostics.release();
        return model;
    }

    private Optional<DeploymentModel> readHeld(TypeElement type, int errorsBefore) {
        AnnotationReader deployment = AnnotationReader.find(type, AnnotationNames.DEPLOYMENT, elements)
                .orElseThrow(() -> new IllegalArgumentException(type + " is not a @Deployment"));
        if (!checkShape(type)) {
            return Optional.empty();
        }
        String written = (String) deployment.value("name");
        String name = written.isEmpty() ? type.getSimpleName().toString() : written;
        if (!DEPLOYMENT_NAME.matcher(name).matches()) {
            diagnostics.error(ErrorMessages.deploymentName(name), type, deployment.mirror(),
                    deployment.written("name").orElse(null));
        }
        DeploymentSettings deploymentSettings = settings.read(deployment);
        List<ConfigEntry> config = new ArrayList<>();
        List<ConstructorArgument> arguments = readConstructor(type, config);
        List<ReadMethod> readMethods = methods.read(type);
        checkBatchesCanFill(name, deploymentSettings, readMethods);
        Optional<IngressModel> routes = ingress.read(type, readMethods);
        Optional<Reconfiguration> reconfigure = reconfigurations.read(type, arguments);
        Optional<HealthCheckModel> healthCheck = healthChecks.read(type);
        Optional<MultiplexedModel> multiplexed = multiplexedReader.read(type);
        if (multiplexed.isPresent()) {
            checkMultiplexedMethods(name, readMethods);
        }
        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        List<HandleParameter> handleParameters = arguments.stream()
                .filter(argument -> argument instanceof ConstructorArgument.Handle)
                .map(argument -> ((ConstructorArgument.Handle) argument).edge())
                .toList();
        List<MethodModel> models = readMethods.stream().map(ReadMethod::model).toList();
        return Optional.of(new DeploymentModel(ClassName.get(type), name, deploymentSettings,
                handleParameters, models, routes, type, arguments, config, reconfigure, healthCheck, multiplexed));
    }

    /**
     * A multiplexed deployment's handle has {@code withModelId(String)}, which no method may shadow, and
     * its batches would mix models.
     */
    private void checkMultiplexedMethods(String deployment, List<ReadMethod> methods) {
        for (ReadMethod method : methods) {
            if (method.model().batch().isPresent()) {
                AnnotationReader annotation = AnnotationReader.find(method.element(), AnnotationNames.BATCH, elements)
                        .orElseThrow();
                diagnostics.error(ErrorMessages.batchInMultiplexed(deployment, method.model().name()), method.element(),
                        annotation.mirror());
            }
            if (method.model().name().equals("withModelId") && method.model().parameters().size() == 1
                    && method.model().parameters().get(0).type().toString().equals("java.lang.String")) {
                diagnostics.error(ErrorMessages.reservedHandleMethod(deployment, "withModelId"), method.element());
            }
        }
    }

    /** A batch can hold no more calls than a replica runs at once: each waiting call holds a slot. */
    private void checkBatchesCanFill(String deployment, DeploymentSettings settings, List<ReadMethod> methods) {
        for (ReadMethod method : methods) {
            method.model().batch().filter(batch -> batch.maxSize() > settings.maxOngoingRequests()).ifPresent(batch -> {
                AnnotationReader annotation = AnnotationReader.find(method.element(), AnnotationNames.BATCH, elements)
                        .orElseThrow();
                diagnostics.error(ErrorMessages.batchAboveConcurrency(deployment, method.model().name(),
                        batch.maxSize(), settings.maxOngoingRequests()), method.element(), annotation.mirror(),
                        annotation.written("maxSize").orElse(null));
            });
        }
    }

    private boolean checkShape(TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (type.getKind() != ElementKind.CLASS) {
            diagnostics.error(ErrorMessages.deploymentNotAClass(
                    type.getKind().toString().toLowerCase(java.util.Locale.ROOT)), type);
            return false;
        }
        boolean valid = true;
        if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
            diagnostics.error(ErrorMessages.deploymentNotTopLevel(name), type);
            valid = false;
        }
        if (!type.getModifiers().contains(Modifier.PUBLIC)) {
            diagnostics.error(ErrorMessages.deploymentNotPublic(name), type);
            valid = false;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            diagnostics.error(ErrorMessages.deploymentAbstract(name), type);
            valid = false;
        }
        if (!type.getTypeParameters().isEmpty()) {
            diagnostics.error(ErrorMessages.deploymentGeneric(name), type);
            valid = false;
        }
        return valid;
    }

    private List<ConstructorArgument> readConstructor(TypeElement type, List<ConfigEntry> config) {
        List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements())
                .stream()
                .filter(constructor -> constructor.getModifiers().contains(Modifier.PUBLIC))
                .toList();
        if (constructors.size() != 1) {
            diagnostics.error(ErrorMessages.constructorCount(type.getQualifiedName().toString(),
                    constructors.size()), constructors.isEmpty() ? type : constructors.get(1));
            return List.of();
        }
        List<ConstructorArgument> arguments = new ArrayList<>();
        for (VariableElement parameter : constructors.get(0).getParameters()) {
            if (parameter.asType().toString().equals(RuntimeNames.DEPLOYMENT_CONTEXT.canonicalName())) {
                arguments.add(new ConstructorArgument.Context());
            } else if (handles.isHandle(parameter, type)) {
                handles.read(parameter, type).ifPresent(edge -> arguments.add(new ConstructorArgument.Handle(edge)));
            } else {
                configs.read(parameter, type, config).ifPresent(arguments::add);
            }
        }
        long records = arguments.stream().filter(a -> a instanceof ConstructorArgument.ConfigRecord).count();
        long values = arguments.stream().filter(a -> a instanceof ConstructorArgument.ConfigValue).count();
        if (records > 1 || records == 1 && values > 0) {
            diagnostics.error(ErrorMessages.mixedConfig(type.getSimpleName().toString()), constructors.get(0));
        }
        return arguments;
    }
}
