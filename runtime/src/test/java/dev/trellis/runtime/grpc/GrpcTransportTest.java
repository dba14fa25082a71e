package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ReplicaLostException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.TestGraph;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment served over gRPC by a replica server and called through a {@link RemoteReplica}, over
 * a real socket: results, failures and cancellation look the same as for a local call.
 */
class GrpcTransportTest {

    private static final EchoWire WIRE = EchoReplica.WIRE;

    private Gate gate;
    private EchoReplica echo;
    private TrellisApplication app;
    private ReplicaServer server;
    private RemoteReplica remote;

    @BeforeEach
    void start() {
        gate = new Gate();
        echo = EchoReplica.start(() -> new Echo(gate));
        app = echo.app();
        server = echo.server();
        remote = echo.remote();
    }

    @AfterEach
    void stop() {
        gate.open();
        echo.close();
    }

    @Test
    void callCrossesTheWireAndBack() {
        assertEquals("héllo 😀", remote.call(Echo.ECHO, new Object[] {"héllo 😀"}).join());
    }

    @Test
    void largeResultsCrossTheWire() {
        byte[] blob = remote.call(Echo.BLOB, new Object[] {Integer.toString(12 * 1024 * 1024)}).join();

        assertEquals(12 * 1024 * 1024, blob.length);
        assertEquals(7, blob[blob.length - 1]);
    }

    @Test
    void answersAreNotCompressedThoughTheCallerAcceptsGzip() throws Exception {
        // grpc-java offers gzip on every call; a gzipped tensor costs far more CPU than its bytes on the wire.
        AtomicReference<Metadata> answerHeaders = new AtomicReference<>();
        ClientInterceptor recordHeaders = new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata received) {
                                answerHeaders.set(received);
                                super.onHeaders(received);
                            }
                        }, headers);
                    }
                };
            }
        };
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .intercept(recordHeaders).maxInboundMessageSize(RemoteReplica.MAX_MESSAGE_BYTES).build();
        try {
            MethodDescriptor<byte[], byte[]> blob = new DeploymentMethods("transport-test", WIRE.methods())
                    .get(Echo.BLOB.index());
            byte[] answer = ClientCalls.blockingUnaryCall(channel, blob, CallOptions.DEFAULT,
                    WIRE.encodeRequest(Echo.BLOB.index(), new Object[] {Integer.toString(1024 * 1024)}));

            assertEquals(1024 * 1024, ((byte[]) WIRE.decodeResponse(Echo.BLOB.index(), answer)).length);
            String encoding = answerHeaders.get().get(Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER));
            assertTrue(encoding == null || encoding.equals("identity"), "answer encoded as " + encoding);
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void failureInTheReplicaNamesTheDeploymentAndMethod() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> remote.call(Echo.FAIL, new Object[] {"boom"}).join());

        assertEquals("Echo", failure.deployment());
        assertTrue(failure.getMessage().contains("Echo.fail failed: IllegalStateException: boom"), failure.getMessage());
    }

    @Test
    void refusedArgumentsArriveAsIllegalArgument() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> remote.call(Echo.REFUSE, new Object[] {"no"}).join());

        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertEquals("no", failure.getCause().getMessage());
    }

    @Test
    void aReplicaThatGoesAwayWhileRunningACallIsReportedLostNamingTheDeployment() throws Exception {
        DeploymentResponse<String> running = remote.call(Echo.HOLD, new Object[] {"held"});
        assertTrue(gate.awaitEntered());

        server.close(); // its connections go with it, the call still running

        ReplicaLostException failure = assertThrows(ReplicaLostException.class, running::join);
        assertEquals("Echo", failure.deployment());
        assertTrue(failure.getMessage().contains("went away while it was running Echo.hold"), failure.getMessage());
    }

    @Test
    void aReplicaThatIsShuttingDownRefusesACallAsUnreachableSoItCanGoElsewhere() {
        app.close(); // its router refuses new calls; the server still answers

        ReplicaUnreachableException refused = assertThrows(ReplicaUnreachableException.class,
                () -> remote.call(Echo.ECHO, new Object[] {"late"}).join());

        assertTrue(refused.getMessage().contains("is shutting down"), refused.getMessage());
    }

    @Test
    void backPressureInTheReplicaIsBackPressureForTheCaller() throws Exception {
        DeploymentResponse<String> running = remote.call(Echo.HOLD, new Object[] {"first"});
        assertTrue(gate.awaitEntered());
        DeploymentResponse<String> queued = remote.call(Echo.HOLD, new Object[] {"second"});
        awaitQueued(queued);

        assertThrows(BackPressureException.class, () -> remote.call(Echo.HOLD, new Object[] {"third"}).join());

        gate.open();
        assertEquals("first", running.join());
        assertEquals("second", queued.join());
    }

    @Test
    void cancellingTheResponseCancelsTheCallInTheReplica() throws Exception {
        DeploymentResponse<String> held = remote.call(Echo.HOLD, new Object[] {"held"});
        assertTrue(gate.awaitEntered());

        held.cancel();

        assertTrue(gate.awaitInterrupted(), "the replica's user code saw the cancellation");
        assertEquals("next", remote.call(Echo.ECHO, new Object[] {"next"}).join());
    }

    @Test
    void deadlineCancelsTheCallInTheReplica() throws Exception {
        try (RemoteReplica impatient = RemoteReplica.connect("transport-test", "Echo", WIRE, "127.0.0.1",
                server.port(), Duration.ofMillis(300))) {
            DeploymentResponse<String> held = impatient.call(Echo.HOLD, new Object[] {"late"});

            DeploymentException failure = assertThrows(DeploymentException.class, held::join);
            assertTrue(failure.getMessage().contains("deadline"), failure.getMessage());
            assertTrue(gate.awaitInterrupted(), "the replica's user code saw the deadline");
        }
    }

    @Test
    void theDeadlineOfTheRequestTravelsToTheReplica() throws Exception {
        DeploymentResponse<String> held = dev.trellis.runtime.CallContext.withTimeout(Duration.ofMillis(300))
                .run(() -> remote.call(Echo.HOLD, new Object[] {"late"}));

        assertThrows(dev.trellis.runtime.DeploymentTimeoutException.class, held::join);
        assertTrue(gate.awaitInterrupted(), "the replica's user code saw the caller's deadline");
    }

    @Test
    void corruptRequestIsRefusedAndTheServerKeepsServing() {
        RemoteReplica corrupting = RemoteReplica.connect("transport-test", "Echo", new CorruptingWire(),
                "127.0.0.1", server.port(), Duration.ofSeconds(30));
        try {
            DeploymentException failure = assertThrows(DeploymentException.class,
                    () -> corrupting.call(Echo.ECHO, new Object[] {"x"}).join());
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(failure.getMessage().contains("malformed request"), failure.getMessage());
        } finally {
            corrupting.close();
        }
        assertEquals("still here", remote.call(Echo.ECHO, new Object[] {"still here"}).join());
    }

    /** Waits, with a deadline, until the replica's router holds the second call in its queue. */
    private void awaitQueued(DeploymentResponse<String> queued) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (app.queuedCalls("Echo") < 1) {
            if (queued.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("the second call never reached the replica's queue");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    /** Sends a length prefix longer than the message: a truncated request. */
    private static final class CorruptingWire implements dev.trellis.runtime.graph.DeploymentWire {
        @Override
        public List<dev.trellis.runtime.DeploymentMethod<?>> methods() {
            return WIRE.methods();
        }

        @Override
        public byte[] encodeRequest(int method, Object[] args) {
            return new byte[] {0x0a, 0x7f, 0x01};
        }

        @Override
        public Object[] decodeRequest(int method, byte[] bytes) {
            return WIRE.decodeRequest(method, bytes);
        }

        @Override
        public byte[] encodeResponse(int method, Object result) {
            return WIRE.encodeResponse(method, result);
        }

        @Override
        public Object decodeResponse(int method, byte[] bytes) {
            return WIRE.decodeResponse(method, bytes);
        }
    }

    static ApplicationGraph graphOf(DeploymentNode<?> node) {
        return new TestGraph("transport-test", List.of(node));
    }
}
