package dev.trellis.runtime.graph;

import java.util.List;
import java.util.Objects;

/**
 * One deployment of an application graph: what it needs, whom it calls, how to build a replica and how
 * to call its methods, all without reflection.
 *
 * @param name the deployment's name
 * @param spec replica count, concurrency limits and resource hints
 * @param dependencies names of the deployments whose handles its constructor takes
 * @param factory builds one replica's instance
 * @param dispatcher calls the instance's methods by index
 * @param wire encodes the methods' arguments and results for calls between processes
 * @param <T> the deployment class
 */
public record DeploymentNode<T>(
        String name,
        DeploymentSpec spec,
        List<String> dependencies,
        DeploymentFactory<T> factory,
        Dispatcher<T> dispatcher,
        DeploymentWire wire) {

    public DeploymentNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(wire, "wire");
    }
}
