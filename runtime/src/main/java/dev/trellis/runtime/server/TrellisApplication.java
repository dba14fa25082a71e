package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.Controller;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.control.ReplicaBackend;
import dev.trellis.runtime.control.ReplicaReport;
import dev.trellis.runtime.tracing.Tracing;
import dev.trellis.runtime.tracing.TracingSettings;
import dev.trellis.runtime.control.ReplicaStatus;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.time.RandomSource;
import dev.trellis.runtime.topology.local.LocalBackend;
import dev.trellis.runtime.topology.process.ProcessBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application running in one of the topologies, without an HTTP server in front: the controller, the
 * backend its replicas run in, and the channels to its deployments. What {@link TrellisServer} serves
 * from, and what tests and other programs embed:
 *
 * <pre>{@code
 * try (TrellisApplication app = TrellisApplication.start(Applications.find("hello"))) {
 *     HelloIngressHandle hello = new HelloIngressHandle(app.ingress());
 *     ...
 * }
 * }</pre>
 *
 * <p>Its builder is the edge where configuration becomes a target: the graph, the deployment YAML, the
 * node's resources; nothing below reads a system property.
 */
public final class TrellisApplication implements AutoCloseable {

    private final Controller controller;
    private final Topology topology;
    private final Tracing.Installation tracing;

    private TrellisApplication(Controller controller, Topology topology, Tracing.Installation tracing) {
        this.controller = controller;
        this.topology = topology;
        this.tracing = tracing;
    }

    /**
     * Starts {@code graph} in this JVM with its code's settings, on this machine's resources.
     *
     * @throws dev.trellis.runtime.ApplicationStartException if a deployment could not start; nothing is
     *     left running
     */
    public static TrellisApplication start(ApplicationGraph graph) {
        return builder(graph).start();
    }

    /** Starts building an application of {@code graph}. */
    public static Builder builder(ApplicationGraph graph) {
        return new Builder(graph);
    }

    /** The application's name. */
    public String name() {
        return controller.target().name();
    }

    /** What it runs towards. */
    public ApplicationTarget target() {
        return controller.target();
    }

    /**
     * Moves the running application to {@code next}, a target built from {@link #target()}'s graph:
     * replica counts and autoscaling change in place while the replicas keep serving.
     *
     * @return per deployment what changed
     * @throws dev.trellis.runtime.control.UpdateRefusedException if {@code next} changes what cannot change
     *     in place; nothing changed then
     */
    public List<dev.trellis.runtime.control.TargetChange> apply(ApplicationTarget next) {
        return controller.apply(next);
    }

    /** Where its replicas run. */
    public Topology topology() {
        return topology;
    }

    /**
     * The channel to a deployment, for a generated handle: {@code new GreeterHandle(app.channel("Greeter"))}.
     *
     * @throws IllegalArgumentException if the application has no such deployment
     */
    public DeploymentChannel channel(String deployment) {
        return controller.channel(deployment);
    }

    /** The channel to the ingress deployment. */
    public DeploymentChannel ingress() {
        return controller.ingress();
    }

    /** Its deployments, their targets, decisions and replicas now. */
    public ApplicationStatus status() {
        return controller.status();
    }

    /** The controller that runs it. */
    public Controller controller() {
        return controller;
    }

    /**
     * How many calls of {@code deployment} wait in this JVM's router for a replica right now: the queue
     * that {@code maxQueuedRequests} bounds.
     *
     * @throws IllegalArgumentException if the application has no such deployment
     */
    public int queuedCalls(String deployment) {
        return controller.router(deployment).pendingCount();
    }

    /**
     * How many batches of each size the {@code @Batch} method {@code method} of {@code deployment} has run,
     * over its running replicas as they last reported: element {@code n} counts the batches of {@code n} calls.
     *
     * @throws IllegalArgumentException if there is no such deployment or batched method
     */
    public long[] batchSizes(String deployment, String method) {
        long[] sizes = new long[largestBatch(deployment, method) + 1];
        for (ReplicaReport report : controller.freshReports(deployment).values()) {
            long[] counted = report.batchSizes().get(method);
            for (int size = 0; counted != null && size < counted.length && size < sizes.length; size++) {
                sizes[size] += counted[size];
            }
        }
        return sizes;
    }

    /**
     * The largest batch the {@code @Batch} method {@code method} of {@code deployment} may run, its canary's
     * included, as the target says.
     *
     * @throws IllegalArgumentException if there is no such deployment or batched method
     */
    public int largestBatch(String deployment, String method) {
        var batched = controller.target().deployment(deployment).methods().stream()
                .filter(candidate -> candidate.name().equals(method) && candidate.batched()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Application '" + name() + "' has no @Batch method '"
                        + method + "' in a deployment '" + deployment + "'"));
        dev.trellis.runtime.config.DeploymentTarget target = controller.target().deployment(deployment);
        int maxSize = target.batch(batched).maxSize();
        if (target.canary().isPresent()) { // its canary's replicas report too, and may batch more
            maxSize = Math.max(maxSize, target.canary().get().target().batch(batched).maxSize());
        }
        return maxSize;
    }

    /** Each running replica's report of {@code deployment}, asked for now, by replica id; its canary's too. */
    public Map<String, ReplicaReport> replicaReports(String deployment) {
        return controller.freshReports(deployment);
    }

    /**
     * The process ids of the running replicas of {@code deployment}, its canary's too, for a topology that has
     * processes.
     */
    public List<Long> replicaPids(String deployment) {
        DeploymentStatus status = status().deployment(deployment);
        List<ReplicaStatus> replicas = new java.util.ArrayList<>(status.replicas());
        status.canary().ifPresent(canary -> replicas.addAll(canary.track().replicas()));
        return replicas.stream()
                .filter(replica -> replica.state() == dev.trellis.runtime.control.ReplicaState.RUNNING)
                .map(ReplicaStatus::pid).filter(pid -> pid.isPresent()).map(pid -> pid.getAsLong()).sorted().toList();
    }

    /**
     * Stops the application: callers before the deployments they call, running calls get their graceful
     * shutdown timeout. Calling it again does nothing.
     */
    @Override
    public void close() {
        try {
            controller.close();
        } finally {
            tracing.close(); // the spans of the last calls go out
        }
    }

    @Override
    public String toString() {
        return "TrellisApplication[" + name() + ", " + topology + "]";
    }

    /** How an application runs; {@link #start()} starts it. */
    public static final class Builder {

        private final ApplicationGraph graph;
        private Topology topology = Topology.LOCAL;
        private Optional<Path> deploymentYaml = Optional.empty();
        private NodeResources node;
        private Duration shutdownGracePeriod = ApplicationTarget.DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT;
        private RandomSource randomSource = RandomSource.threadLocal();
        private List<String> replicaJavaOptions = ProcessBackend.DEFAULT_JAVA_OPTIONS;
        private Duration replicaStartTimeout = Duration.ofSeconds(60);
        private TracingSettings tracing = TracingSettings.NONE;

        private Builder(ApplicationGraph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /** Where the replicas run: in this JVM (the default) or each in its own process. */
        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /** A deployment YAML whose overrides apply over the generated manifest. */
        public Builder deploymentYaml(Path file) {
            this.deploymentYaml = Optional.of(file);
            return this;
        }

        /** Like {@link #deploymentYaml(Path)}, when there may be none. */
        public Builder deploymentYaml(Optional<Path> file) {
            this.deploymentYaml = Objects.requireNonNull(file, "file");
            return this;
        }

        /** The node replicas are placed on; by default this machine, as {@link NodeResources#detect} reads it. */
        public Builder node(NodeResources node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /** How long stopping lets running calls finish, in every deployment. Default 10 s. */
        public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
            this.shutdownGracePeriod = ApplicationTarget.checkGracefulShutdownTimeout(shutdownGracePeriod);
            return this;
        }

        /** Where routers draw their choices from; tests inject a scripted one. */
        public Builder randomSource(RandomSource randomSource) {
            this.randomSource = Objects.requireNonNull(randomSource, "randomSource");
            return this;
        }

        /** Options of every replica JVM in the {@code processes} topology. */
        public Builder replicaJavaOptions(List<String> options) {
            this.replicaJavaOptions = List.copyOf(options);
            return this;
        }

        /** How long one replica process may take to start. Default 60 s. */
        public Builder replicaStartTimeout(Duration timeout) {
            this.replicaStartTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Where this JVM's spans go, and its replica processes'. Default none: trace context is passed on only. */
        public Builder tracing(TracingSettings tracing) {
            this.tracing = Objects.requireNonNull(tracing, "tracing");
            return this;
        }

        /** The target these settings describe, checked. */
        ApplicationTarget target() {
            return ApplicationTarget.builder(graph)
                    .deploymentYaml(deploymentYaml.map(DeploymentYaml::read))
                    .gracefulShutdownTimeout(shutdownGracePeriod)
                    .build();
        }

        /**
         * Starts every deployment, dependencies first, and returns once each has its initial replicas.
         *
         * @throws dev.trellis.runtime.ApplicationStartException if the deployment YAML is invalid or a
         *     deployment could not start; nothing is left running
         */
        public TrellisApplication start() {
            ApplicationTarget target = target();
            Tracing.Installation installed = Tracing.install(tracing, target.name(), Map.of());
            try {
                return start(target, installed);
            } catch (RuntimeException | Error e) {
                installed.close();
                throw e;
            }
        }

        private TrellisApplication start(ApplicationTarget target, Tracing.Installation installed) {
            ReplicaBackend backend = switch (topology) {
                case LOCAL -> new LocalBackend();
                case PROCESSES -> new ProcessBackend(target, replicaJavaOptions, replicaStartTimeout, tracing);
                case KUBERNETES -> dev.trellis.runtime.control.ReplicaBackendProvider.of(target.name(), topology)
                        .create(target, replicaStartTimeout);
            };
            // A cluster places pods itself: the controller's placement does not hold them back.
            NodeResources detected = topology == Topology.KUBERNETES ? NodeResources.unlimited()
                    : NodeResources.detect(java.util.OptionalInt.empty());
            Controller.Builder controller = Controller.builder(target, backend).randomSource(randomSource)
                    .node(node != null ? node : detected);
            return new TrellisApplication(controller.start(), topology, installed);
        }
    }
}
