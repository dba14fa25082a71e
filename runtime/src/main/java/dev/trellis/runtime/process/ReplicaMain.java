package dev.trellis.runtime.process;

import dev.trellis.runtime.Applications;
import dev.trellis.runtime.grpc.AnswersInFlight;
import dev.trellis.runtime.grpc.DeploymentGrpcService;
import dev.trellis.runtime.grpc.ReplicaServer;
import dev.trellis.runtime.local.DeploymentHost;
import dev.trellis.runtime.spi.ApplicationGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a replica process: builds one replica of one deployment, serves it over gRPC on a
 * free port, announces the port on standard output ({@value #READY} and the port) and then follows the
 * controller's announcements of the replicas it may call. It exits when its parent process does, so
 * that no replica outlives the controller.
 *
 * <p>Arguments: the application's name, the deployment's name, the replica's identity.
 */
public final class ReplicaMain {

    /** The line prefix that tells the controller the replica serves. */
    public static final String READY = "TRELLIS-REPLICA-READY";

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** How long a stopping replica waits for the answers of its finished calls to go out. */
    private static final Duration ANSWERS_GRACE = Duration.ofSeconds(5);

    /** The system property by which the controller tells a replica the GPU its placement gave it. */
    static final String GPU_DEVICE_PROPERTY = "trellis.gpuDevice";

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
            // With the deployment YAML's overrides: the limits of the deployments it calls are the controller's.
            ApplicationGraph graph = dev.trellis.runtime.local.DeploymentYaml.apply(Applications.find(args[0]));
            String deployment = args[1];
            List<String> dependencies = graph.nodes().stream().filter(node -> node.name().equals(deployment))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no deployment '" + deployment + "'"))
                    .dependencies();
            RemoteMembers members = new RemoteMembers(graph, dependencies, CALL_TIMEOUT);
            Integer device = Integer.getInteger(GPU_DEVICE_PROPERTY);
            DeploymentHost host = DeploymentHost.start(graph, deployment, replicaNumber(args[2]), members::channel,
                    device == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(device));
            AnswersInFlight answers = new AnswersInFlight();
            ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(
                    DeploymentGrpcService.create(graph.name(), host.node().wire(), host.channel(), answers),
                    ControlService.create(members::apply, host.health())));
            // Stopping (SIGTERM from the controller, or Ctrl-C): refuse new calls, let the running ones
            // finish and their answers go out over the still open server, then close it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                host.close(Duration.ofMillis(Long.getLong(GRACE_PROPERTY,
                        dev.trellis.runtime.local.LocalApplication.DEFAULT_SHUTDOWN_GRACE_PERIOD.toMillis())));
                answers.awaitNone(ANSWERS_GRACE); // the calls have ended; their answers are being sent
                server.close();
                members.close();
                stopped.countDown();
            }, "trellis-replica-shutdown"));
            System.out.println(READY + " " + server.port());
            System.out.flush();
        } catch (RuntimeException e) {
            System.err.println("Replica " + args[2] + " of deployment '" + args[1] + "' failed to start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stopped.await();
    }

    /** {@code Greeter-3} → 3, for thread names. */
    private static int replicaNumber(String id) {
        String digits = id.substring(id.lastIndexOf('-') + 1);
        return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() ? Integer.parseInt(digits) : 0;
    }
}
