package dev.trellis.runtime;

/**
 * What a replica's constructor gets from the runtime: the channels to the deployments it calls and its
 * configuration, from the manifest's {@code config} block (defaults from {@code @Default}) as overridden
 * by the deployment YAML.
 */
public interface DeploymentContext {

    /**
     * The channel to a deployment this one calls, for its generated handle.
     *
     * @param deployment a deployment named in the node's dependencies
     * @throws IllegalArgumentException if the application has no such deployment
     */
    DeploymentChannel channel(String deployment);

    /**
     * The whole configuration as one record.
     *
     * @throws IllegalArgumentException if the configuration does not fit {@code type}; the message
     *     names the deployment and the entry
     */
    <T> T config(Class<T> type);

    /**
     * One configuration entry, for a constructor that takes its configuration as separate parameters.
     *
     * @return the entry as {@code type}, or {@code null} if it is not set
     * @throws IllegalArgumentException if the entry does not fit {@code type}
     */
    <T> T configValue(String key, Class<T> type);

    /** What the replica's {@code @Resources} ask for. */
    default ResourceSpec resources() {
        return new ResourceSpec(1, 0, 0);
    }

    /**
     * The GPU the placement gave this replica, when its resources ask for GPUs and a GPU was free; a
     * fractional share ({@code gpus = 0.5}) shares a device with other replicas.
     */
    default java.util.OptionalInt gpuDevice() {
        return java.util.OptionalInt.empty();
    }
}
