package dev.trellis.runtime.graph;

import dev.trellis.runtime.DeploymentChannel;

/** Looks up the channel to a deployment of the same application, by name, while replicas are built. */
@FunctionalInterface
public interface Channels {

    /**
     * @param deployment a deployment named in the node's dependencies
     * @return the channel to it
     * @throws IllegalArgumentException if the application has no such deployment
     */
    DeploymentChannel channel(String deployment);
}
