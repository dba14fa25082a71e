package dev.trellis.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * A validated application graph, ready for the generators.
 *
 * @param name the application's name
 * @param declaration the {@code @Application} class
 * @param ingress the ingress deployment
 * @param deployments every deployment reachable from the ingress, dependencies first (a topological
 *     order, ties broken by name so that output is deterministic)
 * @param requestTimeoutMillis the deadline of a request at the ingress
 */
public record ApplicationModel(
        String name,
        ClassName declaration,
        DeploymentModel ingress,
        List<DeploymentModel> deployments,
        long requestTimeoutMillis) {

    public ApplicationModel {
        deployments = List.copyOf(deployments);
    }

    /** The generated graph class, {@code <SimpleName>Graph} beside the application class. */
    public ClassName graphType() {
        return declaration.peerClass(declaration.simpleName() + "Graph");
    }

    /** The deployment of class {@code type}, which must be part of this application. */
    public DeploymentModel deployment(ClassName type) {
        return deployments.stream().filter(model -> model.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type + " is not in application " + name));
    }

    /** The class-path resource of the manifest. */
    public String manifestResource() {
        return "META-INF/trellis/" + name + ".yaml";
    }
}
