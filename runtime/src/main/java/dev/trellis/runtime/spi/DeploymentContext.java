package dev.trellis.runtime.spi;

/**
 * What a replica's constructor gets from the runtime: the channels to the deployments it calls and its
 * configuration, from the manifest's {@code config} block (defaults from {@code @Default}) as overridden
 * by the deployment YAML.
 */
public interface DeploymentContext extends Channels {

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
}
