package dev.trellis.runtime.graph;

import java.time.Duration;
import java.util.List;

/**
 * An application as the processor saw it: generated once per {@code @Application} and found at run
 * time with {@link java.util.ServiceLoader}. Everything here was checked by the compiler; the runtime
 * only executes it.
 */
public interface ApplicationGraph {

    /** The application's name, from {@code @Application(name)}. */
    String name();

    /** The name of the ingress deployment, the one outside traffic reaches. */
    String ingress();

    /** Every deployment of the application, dependencies before the deployments that call them. */
    List<DeploymentNode<?>> nodes();

    /**
     * The deployment named {@code name}.
     *
     * @throws IllegalArgumentException if the application has none, naming the deployments it has
     */
    default DeploymentNode<?> node(String name) {
        for (DeploymentNode<?> node : nodes()) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new IllegalArgumentException("Application '" + name() + "' has no deployment '" + name + "'; it has "
                + nodes().stream().map(DeploymentNode::name).toList());
    }

    /** Whether the application has a deployment named {@code name}. */
    default boolean hasNode(String name) {
        return nodes().stream().anyMatch(node -> node.name().equals(name));
    }

    /** The HTTP routes of the ingress deployment, with full paths. */
    List<IngressRoute> routes();

    /** The class-path resource of the generated manifest, {@code META-INF/trellis/<name>.yaml}. */
    String manifestResource();

    /** What {@link #requestTimeout()} is unless the application says otherwise: Ray Serve's 60 s. */
    Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long a request at the ingress may take: {@code @Application(requestTimeoutMillis)}. The
     * deadline of the request's call and of every call made on its behalf.
     */
    default Duration requestTimeout() {
        return DEFAULT_REQUEST_TIMEOUT;
    }
}
