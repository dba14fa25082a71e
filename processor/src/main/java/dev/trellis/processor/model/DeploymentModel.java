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
 */
public record DeploymentModel(
        ClassName type,
        String name,
        DeploymentSettings settings,
        List<HandleParameter> handleParameters,
        List<MethodModel> methods,
        Optional<IngressModel> ingress,
        TypeElement source) {

    public DeploymentModel {
        handleParameters = List.copyOf(handleParameters);
        methods = List.copyOf(methods);
    }

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
