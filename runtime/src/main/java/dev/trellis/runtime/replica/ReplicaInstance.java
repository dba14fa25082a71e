package dev.trellis.runtime.replica;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.graph.Channels;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.stats.ReplicaFigures;
import dev.trellis.runtime.time.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * One replica's instance of a deployment in this JVM, built from its target: the user's object, the
 * execution that runs its calls (batching, multiplexed models, streams), its health check, and its own
 * account of its load. What the {@code local} topology runs per replica, and what a replica process hosts.
 *
 * @param <T> the deployment class
 */
public final class ReplicaInstance<T> {

    private final DeploymentTarget deployment;
    private final InstanceExecution<T> execution;
    private final HealthProbe health;

    private ReplicaInstance(DeploymentTarget deployment, InstanceExecution<T> execution, HealthProbe health) {
        this.deployment = deployment;
        this.execution = execution;
        this.health = health;
    }

    /**
     * Builds the instance with the deployment's configuration, the channels to what it calls, and the
     * GPU its placement gave it.
     *
     * @param replicaId names the replica's threads
     * @param ticker the clock of the router that hands it calls
     * @throws Exception whatever the constructor threw, or {@link IllegalStateException} if the factory
     *     returned null
     */
    public static ReplicaInstance<?> build(DeploymentTarget deployment, String replicaId, Channels channels,
            OptionalInt gpuDevice, Ticker ticker) throws Exception {
        return build(deployment, deployment.node(), replicaId, channels, gpuDevice, ticker);
    }

    private static <T> ReplicaInstance<T> build(DeploymentTarget deployment, DeploymentNode<T> node, String replicaId,
            Channels channels, OptionalInt gpuDevice, Ticker ticker) throws Exception {
        ReplicaContext context = new ReplicaContext(node.name(), deployment.config(), channels, deployment.resources(),
                gpuDevice);
        T instance = node.factory().create(context);
        if (instance == null) {
            throw new IllegalStateException("the factory of deployment '" + node.name() + "' returned null");
        }
        InstanceExecution<T> execution = InstanceExecution.create(node.name(), replicaId, instance, node.dispatcher(),
                ticker, deployment::batch);
        HealthProbe health = new HealthProbe(replicaId, () -> node.dispatcher().checkHealth(instance), ticker);
        return new ReplicaInstance<>(deployment, execution, health);
    }

    /**
     * Gives the running instance {@code config}, built into its {@code @Reconfigure} method's type as the
     * constructor's is.
     *
     * @return what went wrong, or empty when the method took it
     */
    public java.util.Optional<String> reconfigure(Map<String, Object> config) {
        java.util.Optional<Class<?>> type = deployment.node().dispatcher().configType();
        if (type.isEmpty()) {
            return java.util.Optional.of("deployment '" + deployment.name() + "' has no @Reconfigure method");
        }
        try {
            Object value = new ReplicaContext(deployment.name(), config, dependency -> {
                throw new IllegalStateException("a configuration does not call deployments");
            }, deployment.resources(), OptionalInt.empty()).config(type.get());
            return execution.reconfigure(value) ? java.util.Optional.empty()
                    : java.util.Optional.of("deployment '" + deployment.name() + "' has no @Reconfigure method");
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return java.util.Optional.of("its @Reconfigure method threw " + dev.trellis.runtime.DeploymentException
                    .describe(failure));
        }
    }

    /** Runs its calls; what its router holds it by. */
    public InstanceExecution<T> execution() {
        return execution;
    }

    /** Runs its health check once; see {@link HealthProbe#check}. */
    public CompletableFuture<Optional<String>> checkHealth(Duration timeout) {
        return health.check(timeout);
    }

    /** The calls it runs now or holds for one of its batches. */
    public int ongoing() {
        return execution.ongoing();
    }

    /** How many batches of each size each {@code @Batch} method ran here, by method name. */
    public Map<String, long[]> batchSizes() {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        Map<Integer, long[]> byIndex = execution.batchSizes();
        for (DeploymentMethod<?> method : deployment.methods()) {
            if (method.batched()) {
                sizes.put(method.name(), byIndex.getOrDefault(method.index(), new long[deployment.batch(method).maxSize() + 1]));
            }
        }
        return sizes;
    }

    /** What it counted of its work since it started. */
    public ReplicaFigures figures() {
        return new ReplicaFigures(execution.methodFigures(), execution.modelLoads(), execution.modelsHeld());
    }

    /**
     * Stops it: no new calls, running ones until the deadline, then the instance is closed.
     *
     * @param deadlineNanos a value of its ticker
     * @return whether every call finished in time
     */
    public boolean stop(long deadlineNanos) {
        return execution.awaitTermination(deadlineNanos);
    }
}
