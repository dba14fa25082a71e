package dev.trellis.runtime;

/**
 * An application whose replicas run, in whichever topology: the channels to its deployments and the
 * way to stop it. What the HTTP and gRPC ingress serve from.
 */
public interface RunningApplication extends AutoCloseable {

    /** The channel to {@code deployment}'s replicas. */
    DeploymentChannel channel(String deployment);

    /** The channel to the ingress deployment. */
    DeploymentChannel ingress();

    /** Stops every replica; running calls get a grace period. */
    @Override
    void close();
}
