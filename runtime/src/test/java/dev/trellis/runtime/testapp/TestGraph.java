package dev.trellis.runtime.testapp;

import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.IngressRoute;
import java.util.List;

/**
 * A hand-written graph of the given nodes, without routes; the last node is the ingress.
 *
 * @param name the application's name
 * @param nodes its deployments, dependencies first
 */
public record TestGraph(String name, List<DeploymentNode<?>> nodes) implements ApplicationGraph {

    /** A graph named {@code test}. */
    public TestGraph(List<DeploymentNode<?>> nodes) {
        this("test", nodes);
    }

    @Override
    public String ingress() {
        return nodes.getLast().name();
    }

    @Override
    public List<IngressRoute> routes() {
        return List.of();
    }

    @Override
    public String manifestResource() {
        return "META-INF/trellis/" + name + ".yaml";
    }
}
