package dev.trellis.runtime.process;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.local.DeploymentYaml;
import dev.trellis.runtime.local.GpuPlacement;
import dev.trellis.runtime.local.HealthWatch;
import dev.trellis.runtime.local.LocalApplication;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.DeploymentNode;
import dev.trellis.runtime.spi.HealthSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs an application with every replica in its own JVM on this machine: the controller of the
 * {@code processes} topology. It starts replicas dependencies first, tells each caller where the
 * replicas it calls listen, replaces a replica whose process dies, and stops them all on
 * {@link #close()} or when this JVM exits (Ctrl-C leaves no replica behind). This process calls the
 * replicas through routers of its own, like any caller.
 */
public final class ProcessApplication implements dev.trellis.runtime.RunningApplication {

    private static final System.Logger LOGGER = System.getLogger(ProcessApplication.class.getName());

    private final ApplicationGraph graph;
    private final List<String> javaOptions;
    private final String classPath;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final RemoteMembers routers;
    private final Map<String, Map<String, ReplicaProcess>> replicas = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<String, OptionalInt> devices = new ConcurrentHashMap<>(); // by replica id
    private GpuPlacement gpus; // guarded by this; made at the first replica that asks for a GPU
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    /** The options {@link #start(ApplicationGraph)} gives replica JVMs. */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** Beyond the grace period, how long a stopping replica has to answer its last calls and exit. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private ProcessApplication(ApplicationGraph graph, List<String> javaOptions, Duration startTimeout,
            Duration stopGrace) {
        this.graph = DeploymentYaml.apply(graph);
        List<String> options = new ArrayList<>(javaOptions);
        options.add("-D" + ReplicaMain.GRACE_PROPERTY + "=" + stopGrace.toMillis()); // the replica drains this long
        // Replicas read the same deployment YAML (an environment variable they inherit anyway).
        DeploymentYaml.configured().ifPresent(file -> options.add("-D" + DeploymentYaml.PROPERTY + "="
                + file.toAbsolutePath()));
        this.javaOptions = List.copyOf(options);
        this.classPath = ReplicaClassPath.of(DeploymentYaml.original(graph).getClass().getClassLoader());
        this.startTimeout = startTimeout;
        this.stopGrace = stopGrace;
        this.routers = new RemoteMembers(this.graph, this.graph.nodes().stream().map(DeploymentNode::name).toList(),
                ReplicaMain.CALL_TIMEOUT);
        this.shutdownHook = new Thread(this::stopReplicas, "trellis-stop-replicas");
    }

    /**
     * Starts every replica of {@code graph} as a process and returns when all serve.
     *
     * @throws ApplicationStartException if a replica does not start; those started are stopped again
     */
    public static ProcessApplication start(ApplicationGraph graph) {
        return start(graph, LocalApplication.DEFAULT_SHUTDOWN_GRACE_PERIOD);
    }

    /**
     * @param stopGrace how long {@link #close()} lets running calls finish, in each replica
     */
    public static ProcessApplication start(ApplicationGraph graph, Duration stopGrace) {
        return start(graph, DEFAULT_JAVA_OPTIONS, Duration.ofSeconds(60), stopGrace);
    }

    /**
     * @param javaOptions options of every replica JVM
     * @param startTimeout how long one replica may take to start
     */
    public static ProcessApplication start(ApplicationGraph graph, List<String> javaOptions, Duration startTimeout) {
        return start(graph, javaOptions, startTimeout, LocalApplication.DEFAULT_SHUTDOWN_GRACE_PERIOD);
    }

    /**
     * @param javaOptions options of every replica JVM
     * @param startTimeout how long one replica may take to start
     * @param stopGrace how long {@link #close()} lets running calls finish, in each replica
     */
    public static ProcessApplication start(ApplicationGraph graph, List<String> javaOptions, Duration startTimeout,
            Duration stopGrace) {
        if (stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative, was " + stopGrace);
        }
        ProcessApplication application = new ProcessApplication(graph, javaOptions, startTimeout, stopGrace);
        Runtime.getRuntime().addShutdownHook(application.shutdownHook);
        try {
            for (DeploymentNode<?> node : application.graph.nodes()) { // with the deployment YAML's overrides
                application.startDeployment(node);
            }
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        return application;
    }

    private void startDeployment(DeploymentNode<?> node) {
        List<Thread> starters = new ArrayList<>();
        List<RuntimeException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < node.spec().numReplicas(); i++) {
            starters.add(Thread.ofVirtual().name("trellis-start-" + node.name() + "-" + i).start(() -> {
                try {
                    startReplica(node.name());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread starter : starters) {
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplicationStartException(graph.name(), node.name(), "Interrupted while starting", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new ApplicationStartException(graph.name(), node.name(), failures.get(0).getMessage(),
                    failures.get(0));
        }
        announce(node.name());
    }

    /** Starts one replica, placed on a GPU if it asks for one. */
    private void startReplica(String deployment) {
        double share = node(deployment).spec().resources().gpus();
        OptionalInt device = gpus().place(share);
        if (share > 0 && device.isEmpty()) {
            LOGGER.log(Level.WARNING, "Deployment ''{0}'' asks for {1} GPU per replica, but {2}: another"
                    + " replica runs its models on the CPU", deployment, share, gpus().whyNoDevice());
        }
        try {
            startReplica(deployment, device);
        } catch (RuntimeException e) {
            gpus().release(device, share);
            throw e;
        }
    }

    /** Starts one replica on {@code device} and watches it: a process that dies while the application runs is replaced. */
    private void startReplica(String deployment, OptionalInt device) {
        String id = deployment + "-" + nextId.getAndIncrement();
        List<String> options = new ArrayList<>(javaOptions);
        device.ifPresent(gpu -> options.add("-D" + ReplicaMain.GPU_DEVICE_PROPERTY + "=" + gpu));
        ReplicaProcess replica;
        try {
            replica = ReplicaProcess.start(graph.name(), deployment, id, classPath, options, startTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplicationStartException(graph.name(), deployment, "Interrupted while starting " + id, e);
        } catch (IllegalStateException e) {
            throw new ApplicationStartException(graph.name(), deployment, e.getMessage(), e);
        }
        devices.put(id, device);
        // Tell the new replica where everything it calls is, before anyone calls it.
        for (String dependency : node(deployment).dependencies()) {
            replica.announce(dependency, members(dependency));
        }
        replicas.computeIfAbsent(deployment, ignored -> new ConcurrentHashMap<>()).put(id, replica);
        if (closed.get()) {
            // A replacement that finished starting while the application stopped: stopReplicas may
            // have missed it.
            replica.stop(Duration.ZERO);
            return;
        }
        replica.onExit().thenRun(() -> replaceIfDied(replica));
        Thread.ofVirtual().name("trellis-health-" + id).start(() -> watchHealth(replica, node(deployment).spec().health()));
    }

    /** This machine's GPUs, looked for once, and only when a deployment asks for GPUs. */
    private synchronized GpuPlacement gpus() {
        if (gpus == null) {
            boolean asksForGpus = graph.nodes().stream().anyMatch(node -> node.spec().resources().gpus() > 0);
            gpus = asksForGpus ? GpuPlacement.detect() : new GpuPlacement(0);
        }
        return gpus;
    }

    /** Checks a replica while it runs; too many failures in a row end its process, which replaces it. */
    private void watchHealth(ReplicaProcess replica, HealthSpec health) {
        HealthWatch.run(replica.id(), replica.deployment(), health, replica::check,
                () -> !closed.get() && replica.isAlive(), replica::kill);
    }

    private void replaceIfDied(ReplicaProcess replica) {
        if (closed.get()) {
            return;
        }
        LOGGER.log(Level.WARNING, "Replica {0} of deployment ''{1}'' died; replacing it", replica.id(),
                replica.deployment());
        replicas.get(replica.deployment()).remove(replica.id());
        OptionalInt device = devices.remove(replica.id()); // the replacement takes over its GPU share
        announce(replica.deployment());
        Thread.ofVirtual().name("trellis-replace-" + replica.id()).start(() -> {
            OptionalInt share = device == null ? OptionalInt.empty() : device;
            try {
                startReplica(replica.deployment(), share);
            } catch (RuntimeException e) {
                gpus().release(share, node(replica.deployment()).spec().resources().gpus());
                LOGGER.log(Level.ERROR, "Could not replace replica " + replica.id(), e);
                return;
            }
            announce(replica.deployment());
        });
    }

    /** Tells every caller of {@code deployment}, and this process, which of its replicas serve now. */
    private void announce(String deployment) {
        List<Member> members = members(deployment);
        routers.apply(deployment, members);
        for (DeploymentNode<?> caller : graph.nodes()) {
            if (!caller.dependencies().contains(deployment)) {
                continue;
            }
            for (ReplicaProcess replica : replicas.getOrDefault(caller.name(), Map.of()).values()) {
                try {
                    replica.announce(deployment, members);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "Could not tell replica {0} about ''{1}'': {2}", replica.id(),
                            deployment, e.getMessage());
                }
            }
        }
    }

    private List<Member> members(String deployment) {
        return replicas.getOrDefault(deployment, Map.of()).values().stream()
                .filter(ReplicaProcess::isAlive)
                .map(ReplicaProcess::member)
                .sorted(Comparator.comparing(Member::id))
                .toList();
    }

    private DeploymentNode<?> node(String deployment) {
        return graph.nodes().stream().filter(node -> node.name().equals(deployment)).findFirst().orElseThrow();
    }

    /** The channel to {@code deployment}'s replicas, through this process's router. */
    @Override
    public DeploymentChannel channel(String deployment) {
        return routers.channel(deployment);
    }

    /** The channel to the ingress deployment. */
    @Override
    public DeploymentChannel ingress() {
        return channel(graph.ingress());
    }

    /** The process ids of the running replicas of {@code deployment}. */
    public List<Long> replicaPids(String deployment) {
        return replicas.getOrDefault(deployment, Map.of()).values().stream()
                .filter(ReplicaProcess::isAlive)
                .map(ReplicaProcess::pid)
                .sorted()
                .collect(Collectors.toList());
    }

    /** Stops every replica process; running calls get a grace period. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down and runs the hook itself
            }
            stopReplicas();
        }
    }

    /**
     * Stops gracefully: no new calls, then each deployment's replicas, callers before the deployments
     * they call, so that a caller's running calls still reach those. A replica asked to stop refuses new
     * calls, finishes the running ones and answers them, then exits; one still running when the grace
     * period (shared by all) is over is killed.
     */
    private void stopReplicas() {
        closed.set(true);
        routers.shutdown();
        long deadline = System.nanoTime() + stopGrace.plus(STOP_MARGIN).toNanos();
        tiers:
        for (DeploymentNode<?> node : graph.nodes().reversed()) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            List<Thread> stoppers = new ArrayList<>();
            for (ReplicaProcess replica : replicas.getOrDefault(node.name(), Map.of()).values()) {
                stoppers.add(Thread.ofVirtual().start(() -> replica.stop(remaining)));
            }
            for (Thread stopper : stoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    replicas.values().forEach(byId -> byId.values().forEach(ReplicaProcess::kill));
                    break tiers;
                }
            }
        }
        routers.close();
    }
}
