package dev.trellis.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Everything the generators need to know about one {@code @Deployment} class, read and validated once.
 *
 * @param type the deployment class
 * @param name the deployment's name in the graph
 * @param settings replica count, limits and resource hints
 * @param handleParameters the constructor's parameters, all handles of other deployments, in order
 * @param methods the public methods, in declaration order; a method's index is its position here
 * @param ingress the HTTP routes, present when the class is annotated {@code @Ingress}
 * @param source the class, for error messages only; generators never read it
 * @param arguments the constructor's parameters in order: handles and configuration
 * @param config the configuration entries, for the manifest
 * @param reconfigure the {@code @Reconfigure} method's name and the record it takes, if there is one
 * @param healthCheck the {@code @HealthCheck} method, if there is one
 * @param multiplexed the {@code @Multiplexed} model loader, if there is one
 */
public record DeploymentModel(
        ClassName type,
        String name,
        DeploymentSettings settings,
        List<HandleParameter> handleParameters,
        List<MethodModel> methods,
        Optional<IngressModel> ingress,
        TypeElement source,
        List<ConstructorArgument> arguments,
        List<ConfigEntry> config,
        Optional<Reconfiguration> reconfigure,
        Optional<HealthCheckModel> healthCheck,
        Optional<MultiplexedModel> multiplexed) {

    public DeploymentModel {
        handleParameters = List.copyOf(handleParameters);
        methods = List.copyOf(methods);
        arguments = List.copyOf(arguments);
        config = List.copyOf(config);
    }

    /**
     * A {@code @Reconfigure} method.
     *
     * @param method its name
     * @param configType the configuration record it takes
     */
    public record Reconfiguration(String method, ClassName configType) {}

    /**
     * A {@code @HealthCheck} method.
     *
     * @param method its name
     * @param returnsBoolean whether it answers (true when healthy) rather than throws
     * @param periodMillis how often it runs
     * @param timeoutMillis how long one run may take
     */
    public record HealthCheckModel(String method, boolean returnsBoolean, long periodMillis, long timeoutMillis) {}

    /**
     * A {@code @Multiplexed} model loader.
     *
     * @param method its name
     * @param maxModelsPerReplica how many models a replica keeps loaded
     */
    public record MultiplexedModel(String method, int maxModelsPerReplica) {}

    /** The generated typed client, {@code <SimpleName>Handle} beside the deployment. */
    public ClassName handleType() {
        return handleTypeOf(type);
    }

    /** The generated server side, {@code <SimpleName>Dispatcher} beside the deployment. */
    public ClassName dispatcherType() {
        return type.peerClass(type.simpleName() + "Dispatcher");
    }

    /** The handle class generated for a deployment class. */
    public static ClassName handleTypeOf(ClassName deployment) {
        return deployment.peerClass(deployment.simpleName() + "Handle");
    }
}
