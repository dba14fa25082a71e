package dev.trellis.runtime.graph;

import dev.trellis.runtime.DeploymentContext;
/**
 * Builds one replica's instance of a deployment, handing its constructor the handles and configuration
 * it declared. Generated as a lambda calling the constructor directly.
 *
 * @param <T> the deployment class
 */
@FunctionalInterface
public interface DeploymentFactory<T> {

    /**
     * @param context the channels to the deployments this one calls, and its configuration
     * @return a new instance
     * @throws Exception whatever the constructor throws; the replica then fails to start
     */
    T create(DeploymentContext context) throws Exception;
}
