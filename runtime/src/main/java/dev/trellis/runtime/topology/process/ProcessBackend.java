package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.control.BackendReplica;
import dev.trellis.runtime.control.Membership;
import dev.trellis.runtime.control.ReplicaBackend;
import dev.trellis.runtime.control.ReplicaEvents;
import dev.trellis.runtime.control.ReplicaLaunch;
import dev.trellis.runtime.control.ReplicaReport;
import dev.trellis.runtime.grpc.CallerSecret;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.grpc.Member;
import dev.trellis.runtime.grpc.RemoteReplica;
import dev.trellis.runtime.routing.ReplicaEndpoint;
import dev.trellis.runtime.tracing.TracingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code processes} topology: every replica is a JVM of its own on this machine, started with the
 * class path this application was loaded from, serving its deployment over gRPC. The controller's
 * announcements of who serves reach every replica that calls them ({@link #membersChanged}); a replica
 * process exits when this JVM does, and this JVM ends the processes it started when it exits.
 */
public final class ProcessBackend implements ReplicaBackend {

    private static final System.Logger LOGGER = System.getLogger(ProcessBackend.class.getName());

    /**
     * The options replica JVMs get unless told otherwise ({@code -Dtrellis.replicaJavaOptions}). The serial
     * collector: a replica is a small heap on a core or less, where it costs least. Both JIT compilers: a
     * replica stopped at C1 ({@code -XX:TieredStopAtLevel=1}, which starts a little faster) spent half as
     * much again of CPU on pre-processing in steady state (docs/benchmarks.md).
     */
    public static final List<String> DEFAULT_JAVA_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "-XX:+UseSerialGC");

    /** Beyond the grace period, how long a stopping replica has to answer its last calls and exit. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private final ApplicationTarget target;
    private final List<String> javaOptions;
    private final TracingSettings tracing;
    /** This application start's internal credentials: its replica processes take calls with them only. */
    private final CallerSecret secret = CallerSecret.generate();
    private final String classPath;
    private final Duration startTimeout;
    private final Path targetFile;
    private final String initialTargetText;
    private final java.util.Map<String, Path> updatedTargets = new java.util.HashMap<>(); // by their text
    private final Map<String, ProcessReplica> replicas = new ConcurrentHashMap<>(); // by id, every live one
    private final Map<String, ControlProtocol.SetMembers> members = new ConcurrentHashMap<>(); // the last announced
    private final Thread shutdownHook = new Thread(this::killWhenNotClosed, "trellis-stop-replicas");
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private volatile Duration stopWithin; // grows when a rolled deployment's replicas get a longer grace

    /**
     * @param javaOptions options of every replica JVM whose deployment does not set its own
     * @param startTimeout how long one replica may take to start
     * @param tracing where the replicas send their spans: the controller's settings
     */
    public ProcessBackend(ApplicationTarget target, List<String> javaOptions, Duration startTimeout,
            TracingSettings tracing) {
        this.tracing = tracing;
        this.target = target;
        this.startTimeout = startTimeout;
        this.classPath = ReplicaClassPath.of(target.graph().getClass().getClassLoader());
        try {
            // The replicas hold the same target: this JVM writes it out once, as a deployment YAML.
            targetFile = Files.createTempFile("trellis-" + target.name() + "-", ".yaml");
            initialTargetText = target.toDeploymentYaml();
            Files.writeString(targetFile, initialTargetText);
            targetFile.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the target of application '" + target.name()
                    + "' for its replica processes", e);
        }
        this.javaOptions = List.copyOf(javaOptions);
        this.stopWithin = target.deployments().stream().map(DeploymentTarget::gracefulShutdownTimeout)
                .max(Duration::compareTo).orElse(Duration.ZERO).plus(STOP_MARGIN).plus(STOP_MARGIN);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public ProcessBackend(ApplicationTarget target) {
        this(target, DEFAULT_JAVA_OPTIONS, Duration.ofSeconds(60), TracingSettings.NONE);
    }

    /**
     * The file a replica reads its target from: the application's at start, or, once the target changed
     * (a rolling update, a new scale), one written for the target it is launched with.
     */
    private Path targetFileFor(ReplicaLaunch launch) throws IOException {
        String text = launch.application().toDeploymentYaml();
        if (text.equals(initialTargetText)) {
            return targetFile;
        }
        synchronized (updatedTargets) {
            Path file = updatedTargets.get(text);
            if (file == null) {
                file = Files.createTempFile("trellis-" + target.name() + "-", ".yaml");
                Files.writeString(file, text);
                file.toFile().deleteOnExit();
                updatedTargets.put(text, file);
            }
            return file;
        }
    }

    @Override
    public BackendReplica start(ReplicaLaunch launch, ReplicaEvents events) {
        Duration needs = launch.deployment().gracefulShutdownTimeout().plus(STOP_MARGIN).plus(STOP_MARGIN);
        synchronized (this) {
            if (needs.compareTo(stopWithin) > 0) {
                stopWithin = needs; // the shutdown hook lets this replica drain as long as its target says
            }
        }
        ProcessReplica replica = new ProcessReplica(launch.replicaId(), launch.deployment());
        replicas.put(replica.id, replica);
        Thread.ofVirtual().name("trellis-start-" + launch.replicaId()).start(() -> replica.start(launch, events));
        return replica;
    }

    /**
     * Tells every running replica that calls {@code deployment}, all at once, and returns when each has
     * been told (or could not be: its announcement deadline passed). Replicas that are stopping are
     * skipped: their callers have left already.
     */
    @Override
    public void membersChanged(String deployment, Membership announced) {
        List<Member> current = announced.replicas().stream().map(member -> replicas.get(member.id()))
                .filter(replica -> replica != null && replica.process != null).map(replica -> replica.process.member())
                .toList();
        members.put(deployment, announced.announcement(deployment, current));
        Membership.tellEach(replicas.values().stream().filter(replica -> replica.deployment.dependencies()
                .contains(deployment) && replica.process != null && !replica.stopping).toList(),
                replica -> "trellis-announce-" + replica.id, replica -> replica.tell(deployment));
    }

    /** A replica process takes a new configuration over the control protocol, into its {@code @Reconfigure}. */
    @Override
    public boolean reconfiguresInPlace() {
        return true;
    }

    @Override
    public boolean runsOwnClassPaths() {
        return true;
    }

    @Override
    public void close() {
        closed.countDown();
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and runs the hook itself
        }
        try {
            Files.deleteIfExists(targetFile);
            synchronized (updatedTargets) {
                for (Path updated : updatedTargets.values()) {
                    Files.deleteIfExists(updated);
                }
            }
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "Could not delete {0}: {1}", targetFile, e.getMessage());
        }
    }

    /**
     * When this JVM exits: an orderly close (Ctrl-C runs TrellisMain's, which stops replicas in order) gets
     * its time to finish first; whatever is still running then, or when nobody closes at all, is ended.
     */
    private void killWhenNotClosed() {
        try {
            closed.await(stopWithin.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killAll();
    }

    /** Ends every process still running: the controller stopped them in order before, this is the backstop. */
    private void killAll() {
        replicas.values().forEach(ProcessReplica::kill);
    }

    /** One replica process, from its start to its exit. */
    private final class ProcessReplica implements BackendReplica {

        private final String id;
        private final DeploymentTarget deployment;
        private volatile ReplicaProcess process; // once it serves
        private volatile Process starting; // once its JVM runs, before it serves
        private volatile RemoteReplica channel;
        private volatile boolean stopping;
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private final Object announcing = new Object(); // one announcement at a time to this replica

        ProcessReplica(String id, DeploymentTarget deployment) {
            this.id = id;
            this.deployment = deployment;
        }

        void start(ReplicaLaunch launch, ReplicaEvents events) {
            if (stopping) {
                gone();
                events.failed("stopped before it started", null);
                return;
            }
            // A deployment's own options (its deployment YAML's javaOptions) replace the application's.
            List<String> options = new ArrayList<>(deployment.javaOptions().orElse(javaOptions));
            Path file;
            try {
                file = targetFileFor(launch);
            } catch (IOException e) {
                gone();
                events.failed("its target could not be written for it: " + e.getMessage(), e);
                return;
            }
            options.add("-D" + DeploymentYaml.PROPERTY + "=" + file.toAbsolutePath());
            options.add("-D" + ReplicaMain.GRACE_PROPERTY + "=" + deployment.gracefulShutdownTimeout().toMillis());
            options.addAll(tracing.javaOptions());
            if (launch.canary()) {
                options.add("-D" + ReplicaMain.CANARY_PROPERTY + "=true");
            }
            launch.gpuDevice().ifPresent(gpu -> options.add("-D" + ReplicaMain.GPU_DEVICE_PROPERTY + "=" + gpu));
            ReplicaProcess started;
            try {
                // A deployment's own class path (a new version of its code) replaces the application's.
                String replicaClassPath = deployment.classPath()
                        .map(entries -> String.join(java.io.File.pathSeparator, entries)).orElse(classPath);
                started = ReplicaProcess.start(target.name(), deployment.name(), id, replicaClassPath, options,
                        secret, startTimeout,
                        process -> {
                            starting = process;
                            if (stopping) {
                                process.destroyForcibly(); // stop() came while the JVM was being spawned
                            }
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                gone();
                events.failed("interrupted while starting", e);
                return;
            } catch (IllegalStateException e) {
                gone();
                events.failed(stopping ? "stopped while it started" : e.getMessage(), e);
                return;
            }
            process = started;
            // Tell it where everything it calls is, before anyone calls it.
            for (String dependency : deployment.dependencies()) {
                tell(dependency);
            }
            channel = RemoteReplica.connect(target.name(), deployment.name(), deployment.node().wire(), "127.0.0.1",
                    started.port(), ReplicaMain.CALL_TIMEOUT, Optional.of(secret));
            started.onExit().thenRun(() -> {
                gone();
                if (!stopping) {
                    events.exited("its process " + started.pid() + " exited with status " + exitStatus(started));
                }
            });
            if (stopping) {
                return; // stop() ends it
            }
            events.started(new ReplicaEndpoint.Remote(channel, deployment.node().dispatcher().maxModelsPerReplica()));
        }

        /**
         * Tells the replica the members of {@code dependency} as they are now. One announcement at a time
         * per replica, each reading the latest members when it is sent, so that an older list can never
         * arrive after a newer one.
         */
        void tell(String dependency) {
            synchronized (announcing) {
                if (stopping) {
                    return;
                }
                try {
                    process.control().announce(members.getOrDefault(dependency,
                            new ControlProtocol.SetMembers(dependency, List.of())));
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "Could not tell replica {0} about ''{1}'': {2}", id, dependency,
                            e.getMessage());
                }
            }
        }

        private void gone() {
            replicas.remove(id);
            RemoteReplica open = channel;
            if (open != null) {
                open.close();
            }
            ReplicaProcess serving = process;
            if (serving != null) {
                serving.control().close();
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletionStage<Optional<String>> checkHealth(Duration timeout) {
            ReplicaProcess serving = process;
            return serving == null ? CompletableFuture.completedFuture(Optional.of("its process is not serving"))
                    : serving.control().check(timeout);
        }

        @Override
        public CompletionStage<Optional<ReplicaReport>> report() {
            ReplicaProcess serving = process;
            if (serving == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return serving.control().report().thenApply(report -> report.map(load -> new ReplicaReport(load.ongoing(),
                    load.queuedByDependency(), load.batchSizes(), load.figures())));
        }

        @Override
        public CompletionStage<Optional<String>> reconfigure(Map<String, Object> config) {
            ReplicaProcess serving = process;
            return serving == null || stopping ? CompletableFuture.completedFuture(Optional.of("it is not running"))
                    : serving.control().reconfigure(config);
        }

        @Override
        public CompletionStage<Optional<String>> setLimits(int maxOngoingRequests, int maxQueuedRequests) {
            ReplicaProcess serving = process;
            return serving == null || stopping ? CompletableFuture.completedFuture(Optional.of("it is not running"))
                    : serving.control().setLimits(new ControlProtocol.Limits(maxOngoingRequests, maxQueuedRequests));
        }

        @Override
        public synchronized CompletionStage<Void> stop(Duration grace) {
            if (!stopping) {
                stopping = true;
                Thread.ofVirtual().name("trellis-stop-" + id).start(() -> {
                    try {
                        ReplicaProcess serving = process;
                        if (serving != null) {
                            serving.stop(grace.plus(STOP_MARGIN));
                        } else if (starting != null) {
                            starting.destroyForcibly(); // still starting: it has no calls to finish
                        }
                    } finally {
                        gone();
                        stopped.complete(null);
                    }
                });
            }
            return stopped;
        }

        @Override
        public OptionalLong pid() {
            ReplicaProcess serving = process;
            Process running = starting;
            return serving != null ? OptionalLong.of(serving.pid())
                    : running != null ? OptionalLong.of(running.pid()) : OptionalLong.empty();
        }

        void kill() {
            ReplicaProcess serving = process;
            if (serving != null) {
                serving.kill();
            } else if (starting != null) {
                starting.destroyForcibly();
            }
        }
    }

    private static String exitStatus(ReplicaProcess process) {
        try {
            return Integer.toString(process.onExit().get().exitValue());
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            return "unknown";
        }
    }
}
