package dev.trellis.runtime.local;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.Channels;
import dev.trellis.runtime.spi.DeploymentNode;
import java.time.Duration;

/**
 * One replica of one deployment, built and run in this JVM, calling the deployments it depends on
 * through the channels it is given: what a replica process hosts. Its router applies the deployment's
 * limits to the calls that arrive, from gRPC or elsewhere.
 */
public final class DeploymentHost implements AutoCloseable {

    private final DeploymentNode<?> node;
    private final Router router;
    private final HealthProbe health;

    private DeploymentHost(DeploymentNode<?> node, Router router, HealthProbe health) {
        this.node = node;
        this.router = router;
        this.health = health;
    }

    /** Runs a deployment's health check on its instance. */
    @FunctionalInterface
    public interface HealthProbe {

        /**
         * @return whether the replica is healthy
         * @throws Throwable what the check threw: unhealthy
         */
        boolean healthy() throws Throwable;
    }

    /**
     * Builds the replica of {@code deployment}, with its configuration from the application's manifest.
     *
     * @param replica the replica's number, for thread names
     * @param dependencies the channels to the deployments it calls
     * @throws ApplicationStartException if the deployment is unknown or its constructor fails
     */
    public static DeploymentHost start(ApplicationGraph graph, String deployment, int replica, Channels dependencies) {
        return start(graph, deployment, replica, dependencies, java.util.OptionalInt.empty());
    }

    /**
     * Like {@link #start(ApplicationGraph, String, int, Channels)}, for a replica placed on a GPU.
     *
     * @param gpuDevice the device its placement gave it, if any
     */
    public static DeploymentHost start(ApplicationGraph generated, String deployment, int replica,
            Channels dependencies, java.util.OptionalInt gpuDevice) {
        ApplicationGraph graph = DeploymentYaml.apply(generated); // the controller's overrides hold here too
        DeploymentNode<?> node = graph.nodes().stream()
                .filter(candidate -> candidate.name().equals(deployment))
                .findFirst()
                .orElseThrow(() -> new ApplicationStartException(graph.name(), deployment, "Application '"
                        + graph.name() + "' has no deployment '" + deployment + "'", null));
        Router router = new Router(deployment, node.spec(), RandomSource.threadLocal());
        DeploymentConfig context = new DeploymentConfig(deployment,
                ApplicationManifest.load(graph).configOf(deployment), dependencies, node.spec().resources(), gpuDevice);
        HealthProbe health = addInstance(graph, node, router, context);
        return new DeploymentHost(node, router, health);
    }

    private static <T> HealthProbe addInstance(ApplicationGraph graph, DeploymentNode<T> node, Router router,
            DeploymentConfig context) {
        T instance;
        try {
            instance = node.factory().create(context);
        } catch (Exception e) {
            throw new ApplicationStartException(graph.name(), node.name(), "Deployment '" + node.name()
                    + "' failed to start: its constructor threw " + Replica.describe(e), e);
        }
        router.addReplica(instance, node.dispatcher());
        return () -> node.dispatcher().checkHealth(instance);
    }

    /** The replica's health check: its {@code @HealthCheck} method, or always healthy without one. */
    public HealthProbe health() {
        return health;
    }

    /** The deployment hosted here. */
    public DeploymentNode<?> node() {
        return node;
    }

    /** The channel to the replica, through its router. */
    public DeploymentChannel channel() {
        return router;
    }

    /** Stops taking calls and lets running ones finish within {@code gracePeriod}. */
    public void close(Duration gracePeriod) {
        router.awaitTermination(System.nanoTime() + gracePeriod.toNanos());
    }

    @Override
    public void close() {
        close(LocalApplication.DEFAULT_SHUTDOWN_GRACE_PERIOD);
    }
}
