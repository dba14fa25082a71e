package dev.trellis.runtime.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.Channels;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The configuration of one deployment, as a map read from YAML, turned into the types its constructor
 * asks for with Jackson. Happens once per replica at start-up, never on the request path.
 */
public final class ReplicaContext implements DeploymentContext {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String deployment;
    private final Map<String, Object> values;
    private final Channels channels;
    private final ResourceSpec resources;
    private final OptionalInt gpuDevice;

    ReplicaContext(String deployment, Map<String, Object> values, Channels channels) {
        this(deployment, values, channels, new ResourceSpec(1, 0, 0), OptionalInt.empty());
    }

    /**
     * What a replica's constructor gets.
     *
     * @param values its configuration, as the target holds it
     * @param channels the channels to the deployments it calls
     * @param gpuDevice the GPU its placement gave it
     */
    public ReplicaContext(String deployment, Map<String, Object> values, Channels channels, ResourceSpec resources,
            OptionalInt gpuDevice) {
        this.deployment = deployment;
        this.values = Map.copyOf(values);
        this.channels = channels;
        this.resources = resources;
        this.gpuDevice = gpuDevice;
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
