package dev.trellis.runtime.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.spi.Channels;
import dev.trellis.runtime.spi.DeploymentContext;
import dev.trellis.runtime.spi.ResourceSpec;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The configuration of one deployment, as a map read from YAML, turned into the types its constructor
 * asks for with Jackson. Happens once per replica at start-up, never on the request path.
 */
final class DeploymentConfig implements DeploymentContext {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String deployment;
    private final Map<String, Object> values;
    private final Channels channels;
    private final ResourceSpec resources;
    private final OptionalInt gpuDevice;

    DeploymentConfig(String deployment, Map<String, Object> values, Channels channels) {
        this(deployment, values, channels, new ResourceSpec(1, 0, 0), OptionalInt.empty());
    }

    DeploymentConfig(String deployment, Map<String, Object> values, Channels channels, ResourceSpec resources,
            OptionalInt gpuDevice) {
        this.deployment = deployment;
        this.values = Map.copyOf(values);
        this.channels = channels;
        this.resources = resources;
        this.gpuDevice = gpuDevice;
    }

    /** The same configuration for one replica, placed on {@code device}. */
    DeploymentConfig onDevice(OptionalInt device) {
        return new DeploymentConfig(deployment, values, channels, resources, device);
    }

    @Override
    public ResourceSpec resources() {
        return resources;
    }

    @Override
    public OptionalInt gpuDevice() {
        return gpuDevice;
    }

    @Override
    public DeploymentChannel channel(String dependency) {
        return channels.channel(dependency);
    }

    @Override
    public <T> T config(Class<T> type) {
        try {
            return MAPPER.convertValue(values, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The config of deployment '" + deployment + "' does not fit "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T configValue(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            // An unset primitive entry is its type's zero, as a component missing from a record would be.
            return type.isPrimitive() ? MAPPER.convertValue(type == boolean.class ? false : 0, type) : null;
        }
        try {
            return MAPPER.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Config entry '" + key + "' of deployment '" + deployment
                    + "' is not a " + type.getSimpleName() + ": " + value, e);
        }
    }
}
