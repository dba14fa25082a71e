package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.grpc.AnswersInFlight;
import dev.trellis.runtime.grpc.CallerSecret;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.grpc.ControlService;
import dev.trellis.runtime.grpc.DeploymentGrpcService;
import dev.trellis.runtime.grpc.HealthService;
import dev.trellis.runtime.grpc.LoadReport;
import dev.trellis.runtime.tracing.LogFormat;
import dev.trellis.runtime.tracing.Tracing;
import dev.trellis.runtime.tracing.TracingSettings;
import dev.trellis.runtime.grpc.ReplicaServer;
import dev.trellis.runtime.replica.ReplicaInstance;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a replica process: builds one replica of one deployment, serves it over gRPC on a
 * free port, announces the port on standard output ({@value #READY} and the port) and then follows the
 * controller's announcements of the replicas it may call. It exits when its parent process does, so
 * that no replica outlives the controller.
 *
 * <p>Arguments: the application's name, the deployment's name, the replica's identity. The controller
 * passes the application's target as a deployment YAML ({@value DeploymentYaml#PROPERTY}), the GPU the
 * replica was placed on and its shutdown grace period as system properties: read here, once.
 */
public final class ReplicaMain {

    /** The line prefix that tells the controller the replica serves. */
    public static final String READY = "TRELLIS-REPLICA-READY";

    /** The deadline of a call made outside any request. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** How long a stopping replica waits for the answers of its finished calls to go out. */
    private static final Duration ANSWERS_GRACE = Duration.ofSeconds(5);

    /** The system property by which the controller tells a replica the GPU its placement gave it. */
    static final String GPU_DEVICE_PROPERTY = "trellis.gpuDevice";

    /** The system property by which the controller tells a replica that it runs the deployment's canary. */
    static final String CANARY_PROPERTY = "trellis.canary";

    /** The address a replica listens on: loopback unless told (a pod listens on all of its addresses). */
    static final String HOST_PROPERTY = "trellis.replicaHost";

    /** The port a replica listens on: a free one unless told (a pod's is fixed, named in its manifest). */
    static final String PORT_PROPERTY = "trellis.replicaPort";

    /** The system property by which the controller tells a replica its shutdown grace period, in ms. */
    static final String GRACE_PROPERTY = "trellis.shutdownGraceMillis";

    private ReplicaMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: ReplicaMain <application> <deployment> <replica id>");
            System.exit(64);
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            String yaml = System.getProperty(DeploymentYaml.PROPERTY);
            ApplicationTarget target = ApplicationTarget.builder(Applications.find(args[0]))
                    .deploymentYaml(yaml == null ? java.util.Optional.empty()
                            : java.util.Optional.of(DeploymentYaml.read(Path.of(yaml))))
                    .build();
            Integer device = Integer.getInteger(GPU_DEVICE_PROPERTY);
            Duration grace = Duration.ofMillis(Long.getLong(GRACE_PROPERTY,
                    ApplicationTarget.DEFAULT_GRACEFUL_SHUTDOWN_TIMEOUT.toMillis()));
            serve(target, args[1], args[2], device == null ? OptionalInt.empty() : OptionalInt.of(device), grace, stopped);
        } catch (Exception e) {
            System.err.println("Replica " + args[2] + " of deployment '" + args[1] + "' failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    private static void serve(ApplicationTarget target, String name, String replicaId, OptionalInt device,
            Duration grace, CountDownLatch stopped) throws Exception {
        DeploymentTarget deployment = target.deployment(name);
        if (Boolean.getBoolean(CANARY_PROPERTY)) {
            deployment = deployment.canary().orElseThrow(() -> new IllegalStateException("Replica " + replicaId
                    + " runs the canary of '" + name + "', which its target has none of")).target();
        }
        LogFormat.installUnlessConfigured(target.name(), name, replicaId);
        Tracing.Installation tracing = Tracing.install(TracingSettings.fromSystem(), target.name(),
                java.util.Map.of("trellis.deployment", name, "trellis.replica", replicaId));
        // Its controller hands it the application's internal credentials in its environment; in Kubernetes
        // a Secret does. Without them (a cluster whose Secret is missing) its calls are not authenticated.
        java.util.Optional<CallerSecret> secret = CallerSecret.fromEnvironment();
        if (secret.isEmpty()) {
            System.getLogger(ReplicaMain.class.getName()).log(System.Logger.Level.WARNING, "Replica {0} has no {1}: it takes internal calls from anyone who"
                    + " can reach its port", replicaId, CallerSecret.ENV);
        }
        RemoteMembers members = new RemoteMembers(target, deployment.dependencies(), CALL_TIMEOUT, secret);
        ReplicaInstance<?> instance = ReplicaInstance.build(deployment, replicaId, members::channel, device,
                Ticker.system());
        // Calls from every caller meet here, so the replica's own limits hold whoever sends them.
        Router host = Router.create(name, deployment.maxOngoingRequests(), deployment.maxQueuedRequests());
        host.addReplica(replicaId, instance.execution());
        AnswersInFlight answers = new AnswersInFlight();
        java.util.function.Function<Duration, java.util.Optional<String>> check =
                timeout -> instance.checkHealth(timeout).join();
        ReplicaServer server = ReplicaServer.start(System.getProperty(HOST_PROPERTY, "127.0.0.1"),
                Integer.getInteger(PORT_PROPERTY, 0), List.of(
                // The standard health service stays open: a kubelet's gRPC probe sends no credentials.
                HealthService.create(java.util.Set.of(name.replaceAll("[^A-Za-z0-9_]", "_")), check),
                authenticated(secret, replicaId,
                        DeploymentGrpcService.create(target.name(), deployment.node().wire(), host, answers)),
                authenticated(secret, replicaId, ControlService.create(members::apply, check,
                        () -> new LoadReport(instance.ongoing() + host.pendingCount(), members.queued(),
                                instance.batchSizes(), instance.figures()), new ControlService.Changes() {
                            @Override
                            public java.util.Optional<String> setLimits(ControlProtocol.Limits limits) {
                                host.setLimits(limits.maxOngoingRequests(), limits.maxQueuedRequests());
                                return java.util.Optional.empty();
                            }

                            @Override
                            public java.util.Optional<String> reconfigure(java.util.Map<String, Object> config) {
                                return instance.reconfigure(config);
                            }
                        }))));
        // Stopping (SIGTERM from the controller, or Ctrl-C): refuse new calls, let the running ones
        // finish and their answers go out over the still open server, then close it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.awaitTermination(Ticker.system().deadlineAfter(grace));
            answers.awaitNone(ANSWERS_GRACE); // the calls have ended; their answers are being sent
            server.close();
            tracing.close(); // their spans go out
            members.close();
            stopped.countDown();
        }, "trellis-replica-shutdown"));
        System.out.println(READY + " " + server.port());
        System.out.flush();
    }

    /** {@code service}, refusing every call without the application's credentials when there are some. */
    private static io.grpc.ServerServiceDefinition authenticated(java.util.Optional<CallerSecret> secret,
            String replicaId, io.grpc.ServerServiceDefinition service) {
        return secret.map(credentials -> io.grpc.ServerInterceptors.intercept(service,
                credentials.require("Replica " + replicaId))).orElse(service);
    }
}
