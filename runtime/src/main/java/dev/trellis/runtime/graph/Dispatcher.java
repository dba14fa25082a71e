package dev.trellis.runtime.graph;

/**
 * Calls a deployment's methods by index without reflection: generated as one {@code switch} over the
 * methods of the deployment, in the order of its handle's {@code DeploymentMethod} constants.
 *
 * @param <T> the deployment class
 */
@FunctionalInterface
public interface Dispatcher<T> {

    /**
     * @param target the replica's instance
     * @param method the method's index
     * @param args the arguments, already of the method's parameter types
     * @return the method's result; {@code null} for {@code void} methods
     * @throws Throwable whatever the user's method throws
     */
    Object dispatch(T target, int method, Object[] args) throws Throwable;

    /**
     * Applies a new configuration to a running instance through its {@code @Reconfigure} method.
     *
     * @param config the new configuration, as {@link DeploymentContext#config(Class)} built it
     * @return whether the deployment has a {@code @Reconfigure} method; without one the runtime replaces
     *     the replica instead
     * @throws Throwable whatever the user's method throws
     */
    default boolean reconfigure(T target, Object config) throws Throwable {
        return false;
    }

    /**
     * Runs the deployment's {@code @HealthCheck} method on a replica.
     *
     * @return whether the replica is healthy; true without a health check method
     * @throws Throwable whatever the check throws, which counts as unhealthy
     */
    default boolean checkHealth(T target) throws Throwable {
        return true;
    }

    /**
     * Loads a model through the deployment's {@code @Multiplexed} method.
     *
     * @throws Throwable whatever the loader throws
     * @throws UnsupportedOperationException if the deployment has no {@code @Multiplexed} method
     */
    default Object loadModel(T target, String modelId) throws Throwable {
        throw new UnsupportedOperationException("this deployment has no @Multiplexed method");
    }

    /** How many models one replica keeps loaded: its {@code @Multiplexed(maxModelsPerReplica)}; 0 without one. */
    default int maxModelsPerReplica() {
        return 0;
    }

    /** The configuration record a {@code @Reconfigure} method takes, empty without one. */
    default java.util.Optional<Class<?>> configType() {
        return java.util.Optional.empty();
    }
}
