package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.TypeToken;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.runtime.testapp.Gate;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link TrellisServer} serves its ingress over gRPC on its HTTP port: HTTP/1.1 keeps working beside
 * it, and a gRPC call goes through the same router, so a full ingress refuses it with
 * {@code UNAVAILABLE}, which the client turns back into a {@link BackPressureException}.
 */
class GrpcIngressTest {

    static final String APPLICATION = "ingress-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Gate gate;
    private TrellisServer server;
    private EchoClient client;

    @BeforeEach
    void start() {
        gate = new Gate();
        // One replica, one call at a time, none waiting: a second concurrent call is refused.
        DeploymentNode<Echo> echo = new DeploymentNode<>("Echo", new DeploymentSpec(1, 1, 0, new ResourceSpec(1, 0, 0)),
                List.of(), context -> new Echo(gate), Echo::dispatch, new EchoWire());
        server = TrellisServer.builder().application(graphOf(echo)).host("127.0.0.1").port(0).build().start();
        client = EchoClient.connect("127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        gate.open();
        client.close();
        server.stop();
    }

    @Test
    void httpAndGrpcShareTheListener() throws Exception {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                    .header("Content-Type", "application/json").timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString("\"over http\"")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("\"over http\"", response.body());
        assertEquals("over grpc", client.echo("over grpc"));
    }

    @Test
    void aFullIngressRefusesAGrpcCallWithUnavailableAndServesTheRunningOne() throws Exception {
        DeploymentResponse<String> running = client.holdAsync("first");
        assertTrue(gate.awaitEntered());

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> rawHold("second"));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        BackPressureException backPressure = assertThrows(BackPressureException.class, () -> client.hold("third"));
        assertEquals("Echo", backPressure.deployment());

        gate.open();
        assertEquals("first", running.join());
        String metrics = metrics();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("trellis_requests_total{")
                && line.contains("method=\"GRPC\"") && line.contains("outcome=\"back_pressure\"")
                && line.endsWith(" 2.0")), "both refused calls are back-pressure:\n" + metrics);
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("trellis_requests_total{")
                && line.contains("method=\"GRPC\"") && line.contains("outcome=\"ok\"") && line.endsWith(" 1.0")),
                metrics);
    }

    /** The server's metrics, as Prometheus scrapes them. */
    private String metrics() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + TrellisServer.OBSERVE_METRICS_PATH)).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    @Test
    void refusedArgumentsAreInvalidArgumentAndAnIllegalArgumentForTheClient() {
        DeploymentException failure = assertThrows(DeploymentException.class, () -> client.refuse("no"));

        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertEquals("no", failure.getCause().getMessage());
    }

    @Test
    void aPassedDeadlineFailsTheCallAndCancelsItInTheReplica() throws Exception {
        assertEquals("connected", client.echo("connected")); // so the deadline is not spent connecting
        EchoClient impatient = client.withDeadline(Duration.ofMillis(300));

        DeploymentException failure = assertThrows(DeploymentException.class, () -> impatient.hold("late"));

        assertTrue(failure.getMessage().contains("deadline"), failure.getMessage());
        assertTrue(gate.awaitInterrupted(), "the ingress's user code saw the deadline");
        assertEquals(Duration.ofMillis(300), impatient.deadline());
        assertEquals(ApplicationClient.DEFAULT_DEADLINE, client.deadline());
        assertEquals("the original keeps its connection", client.echo("the original keeps its connection"));
    }

    @Test
    void badTargetsAndDeadlinesAreRefusedWithTheExpectedForm() {
        for (String target : new String[] {"localhost", "localhost:", ":8000", "localhost:http", "::1:8000",
                "localhost:70000"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> EchoClient.connect(target), target);
            assertTrue(refused.getMessage().contains("\"localhost:8000\""), refused.getMessage());
        }
        for (Duration deadline : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(366)}) {
            assertThrows(IllegalArgumentException.class, () -> client.withDeadline(deadline), deadline.toString());
        }
    }

    @Test
    void anIpv6TargetInBracketsIsAccepted() {
        EchoClient.connect("[::1]:" + server.port()).close();
    }

    /** The HOLD method called with plain grpc-java, to see the status on the wire. */
    private String rawHold(String text) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            EchoWire wire = new EchoWire();
            byte[] answer = ClientCalls.blockingUnaryCall(channel,
                    new DeploymentMethods(APPLICATION, wire.methods()).get(Echo.HOLD.index()),
                    CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    wire.encodeRequest(Echo.HOLD.index(), new Object[] {text}));
            return (String) wire.decodeResponse(Echo.HOLD.index(), answer);
        } finally {
            channel.shutdownNow();
        }
    }

    static ApplicationGraph graphOf(DeploymentNode<?> node) {
        return new ApplicationGraph() {
            @Override
            public String name() {
                return APPLICATION;
            }

            @Override
            public String ingress() {
                return node.name();
            }

            @Override
            public List<DeploymentNode<?>> nodes() {
                return List.of(node);
            }

            @Override
            public List<IngressRoute> routes() {
                return List.of(IngressRoute.post("/echo", Echo.ECHO, new TypeToken<String>() {}));
            }

            @Override
            public String manifestResource() {
                return "META-INF/trellis/" + APPLICATION + ".yaml";
            }
        };
    }
}
