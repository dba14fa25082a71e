package dev.trellis.runtime.local;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.Channels;
import dev.trellis.runtime.spi.DeploymentNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every deployment of an application inside this JVM: one {@link Router} per deployment in front
 * of {@code numReplicas} replicas. This is Trellis's local mode; the same generated graph and handles
 * work unchanged.
 *
 * <p>Each replica's health is checked as its deployment's {@code @HealthCheck} says (every 10 s by
 * default); one that fails three checks in a row is replaced by a new instance ({@link LocalReplicas}).
 *
 * <p>Deployments start in the graph's order, dependencies first, so the channels a constructor asks
 * for already lead somewhere. They stop in the reverse order: the ingress stops taking calls first, and
 * the calls it still runs can reach the deployments they depend on until they finish.
 */
public final class LocalApplication implements dev.trellis.runtime.RunningApplication {

    /** How long {@link #close()} lets running calls finish before interrupting them. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(10);

    private static final System.Logger LOGGER = System.getLogger(LocalApplication.class.getName());

    private final ApplicationGraph graph;
    private final Map<String, Router> routers; // in start order
    private final List<LocalReplicas<?>> replicas;
    private final Duration shutdownGracePeriod;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalApplication(ApplicationGraph graph, Map<String, Router> routers, List<LocalReplicas<?>> replicas,
            Duration shutdownGracePeriod) {
        this.graph = graph;
        this.routers = routers;
        this.replicas = replicas;
        this.shutdownGracePeriod = shutdownGracePeriod;
    }

    /**
     * Starts {@code graph} with the default settings.
     *
     * @throws ApplicationStartException if a deployment could not be built; nothing is left running
     */
    public static LocalApplication start(ApplicationGraph graph) {
        return builder(graph).start();
    }

    /** Starts building a local application for {@code graph}. */
    public static Builder builder(ApplicationGraph graph) {
        return new Builder(graph);
    }

    /** The application's name. */
    public String name() {
        return graph.name();
    }

    /** The graph this application runs. */
    public ApplicationGraph graph() {
        return graph;
    }

    /**
     * How many calls of {@code deployment} wait for a replica right now: the queue that
     * {@code maxQueuedRequests} bounds.
     *
     * @throws IllegalArgumentException if the application has no such deployment
     */
    public int queuedCalls(String deployment) {
        Router router = routers.get(deployment);
        if (router == null) {
            throw new IllegalArgumentException("Application '" + graph.name() + "' has no deployment '" + deployment
                    + "'");
        }
        return router.pendingCount();
    }

    /**
     * How many batches of each size the {@code @Batch} method {@code method} of {@code deployment} has run,
     * over all its replicas: element {@code n} counts the batches of {@code n} calls.
     *
     * @throws IllegalArgumentException if there is no such deployment or batched method
     */
    public long[] batchSizes(String deployment, String method) {
        Router router = routers.get(deployment);
        dev.trellis.runtime.DeploymentMethod<?> batched = router == null ? null : graph.nodes().stream()
                .filter(node -> node.name().equals(deployment)).findFirst().orElseThrow().wire().methods().stream()
                .filter(candidate -> candidate.name().equals(method) && candidate.batched()).findFirst().orElse(null);
        if (batched == null) {
            throw new IllegalArgumentException("Application '" + graph.name() + "' has no @Batch method '" + method
                    + "' in a deployment '" + deployment + "'");
        }
        long[] sizes = new long[batched.batch().maxSize() + 1];
        for (Replica replica : router.replicas()) {
            long[] counted = replica.batchSizes().get(batched.index());
            for (int size = 0; counted != null && size < counted.length; size++) {
                sizes[size] += counted[size];
            }
        }
        return sizes;
    }

    /**
     * The channel to a deployment, for a generated handle: {@code new GreeterHandle(app.channel("Greeter"))}.
     *
     * @throws IllegalArgumentException if the application has no such deployment
     */
    @Override
    public DeploymentChannel channel(String deployment) {
        Router router = routers.get(deployment);
        if (router == null) {
            throw new IllegalArgumentException("Application '" + graph.name() + "' has no deployment named '"
                    + deployment + "'; its deployments are " + routers.keySet());
        }
        return router;
    }

    /** The channel to the ingress deployment. */
    @Override
    public DeploymentChannel ingress() {
        return channel(graph.ingress());
    }

    /**
     * Stops the application: new calls fail with an
     * {@link dev.trellis.runtime.ApplicationClosedException}, running calls get the shutdown grace
     * period to finish and are interrupted after it. Returns once every replica has stopped or the grace
     * period is over; calling it again does nothing.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long deadline = System.nanoTime() + shutdownGracePeriod.toNanos();
            replicas.forEach(LocalReplicas::stopWatching);
            stopAll(graph.name(), new ArrayList<>(routers.values()), shutdownGracePeriod);
            replicas.forEach(retired -> retired.awaitRetired(deadline)); // replaced ones still finishing calls
        }
    }

    /**
     * Stops deployments one at a time, callers before the deployments they call: while a deployment
     * finishes its running calls, the deployments those calls reach still serve them.
     */
    private static void stopAll(String application, List<Router> startOrder, Duration gracePeriod) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        for (Router router : startOrder.reversed()) {
            for (Replica late : router.awaitTermination(deadline)) {
                LOGGER.log(Level.WARNING, "Application ''{0}'': replica {1} was still running calls after {2}; "
                        + "they were interrupted", application, late, gracePeriod);
            }
        }
    }

    @Override
    public String toString() {
        return "LocalApplication[" + graph.name() + ", deployments=" + routers.keySet() + "]";
    }

    /** Settings of a local application; {@link #start()} builds every replica. */
    public static final class Builder {

        private final ApplicationGraph graph;
        private RandomSource randomSource = RandomSource.threadLocal();
        private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
        private GpuPlacement gpuPlacement; // null: detect

        private Builder(ApplicationGraph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /** Which GPUs replicas asking for them are placed on; by default this machine's (see {@link GpuPlacement#detect()}). */
        public Builder gpuPlacement(GpuPlacement gpuPlacement) {
            this.gpuPlacement = Objects.requireNonNull(gpuPlacement, "gpuPlacement");
            return this;
        }

        /** Where routers draw their choices from; tests inject a scripted one. */
        public Builder randomSource(RandomSource randomSource) {
            this.randomSource = Objects.requireNonNull(randomSource, "randomSource");
            return this;
        }

        /** How long {@link LocalApplication#close()} waits for running calls. */
        public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
            if (shutdownGracePeriod.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must not be negative, was "
                        + shutdownGracePeriod);
            }
            this.shutdownGracePeriod = shutdownGracePeriod;
            return this;
        }

        /**
         * Builds every deployment's replicas, in the graph's order.
         *
         * @throws ApplicationStartException if a deployment could not be built; whatever had started is
         *     stopped again before this is thrown
         */
        public LocalApplication start() {
            ApplicationGraph graph = DeploymentYaml.apply(this.graph);
            Map<String, Router> started = new LinkedHashMap<>();
            List<LocalReplicas<?>> watched = new ArrayList<>();
            boolean asksForGpus = graph.nodes().stream().anyMatch(node -> node.spec().resources().gpus() > 0);
            GpuPlacement gpus = gpuPlacement != null ? gpuPlacement
                    : asksForGpus ? GpuPlacement.detect() : new GpuPlacement(0);
            ApplicationManifest manifest = ApplicationManifest.load(graph);
            try {
                for (DeploymentNode<?> node : graph.nodes()) {
                    if (started.containsKey(node.name())) {
                        throw new ApplicationStartException(graph.name(), node.name(), "Application '"
                                + graph.name() + "' lists deployment '" + node.name() + "' twice", null);
                    }
                    Router router = new Router(node.name(), node.spec(), randomSource);
                    Channels channels = channelsBuiltBefore(node.name(), new LinkedHashMap<>(started));
                    started.put(node.name(), router);
                    LocalReplicas<?> replicas = replicasOf(node, router, new DeploymentConfig(node.name(),
                            manifest.configOf(node.name()), channels, node.spec().resources(), OptionalInt.empty()),
                            gpus);
                    watched.add(replicas);
                    replicas.start();
                }
            } catch (RuntimeException | Error e) {
                watched.forEach(LocalReplicas::stopWatching);
                stopAll(graph.name(), new ArrayList<>(started.values()), shutdownGracePeriod);
                throw e;
            }
            return new LocalApplication(graph, Collections.unmodifiableMap(started), List.copyOf(watched),
                    shutdownGracePeriod);
        }

        private <T> LocalReplicas<T> replicasOf(DeploymentNode<T> node, Router router, DeploymentConfig context,
                GpuPlacement gpus) {
            return new LocalReplicas<>(graph.name(), node, router, context, gpus, shutdownGracePeriod);
        }

        private Channels channelsBuiltBefore(String deployment, Map<String, Router> built) {
            return dependency -> {
                Router router = built.get(dependency);
                if (router == null) {
                    throw new IllegalArgumentException("Deployment '" + deployment + "' needs deployment '"
                            + dependency + "', which application '" + graph.name() + "' has not started before it"
                            + " (started so far: " + built.keySet() + ")");
                }
                return router;
            };
        }

    }
}
