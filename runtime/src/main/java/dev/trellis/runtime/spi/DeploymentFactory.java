package dev.trellis.runtime.spi;

/**
 * Builds one replica's instance of a deployment, handing its constructor the handles it declared.
 * Generated as a lambda calling the constructor directly.
 *
 * @param <T> the deployment class
 */
@FunctionalInterface
public interface DeploymentFactory<T> {

    /**
     * @param channels the channels to the deployments this one calls
     * @return a new instance
     * @throws Exception whatever the constructor throws; the replica then fails to start
     */
    T create(Channels channels) throws Exception;
}
