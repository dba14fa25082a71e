package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.Multiplexing;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.TestApps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model id a call is addressed to crosses the wire with it, and reaches the replica's method. */
class MultiplexedTransportTest {

    private static final EchoWire WIRE = new EchoWire();

    /** Echo's methods answer with the model the call was given. */
    private static final Dispatcher<Echo> MODEL_ECHO = new Dispatcher<>() {
        @Override
        public Object dispatch(Echo target, int method, Object[] args) {
            return Multiplexing.modelId() + "|" + Multiplexing.model(String.class);
        }

        @Override
        public Object loadModel(Echo target, String modelId) {
            return "loaded " + modelId;
        }

        @Override
        public int maxModelsPerReplica() {
            return 2;
        }
    };

    @Test
    void aModelIdTravelsWithTheCallToTheReplica() {
        DeploymentNode<Echo> node = new DeploymentNode<>("Echo", new DeploymentSpec(1, 4, -1, new ResourceSpec(1, 0, 0)),
                List.of(), context -> new Echo(new Gate()), MODEL_ECHO, WIRE);
        try (TrellisApplication app = TestApps.start(GrpcTransportTest.graphOf(node));
                ReplicaServer server = ReplicaServer.start("127.0.0.1", 0,
                        List.of(DeploymentGrpcService.create("transport-test", WIRE, app.channel("Echo"))));
                RemoteReplica remote = RemoteReplica.connect("transport-test", "Echo", WIRE, "127.0.0.1",
                        server.port(), Duration.ofSeconds(30))) {
            String answer = Multiplexing.addressedTo("fr-en",
                    () -> remote.call(Echo.ECHO, new Object[] {"x"})).join();

            assertEquals("fr-en|loaded fr-en", answer);
            DeploymentException withoutModel = assertThrows(DeploymentException.class,
                    () -> remote.call(Echo.ECHO, new Object[] {"x"}).join());
            assertTrue(withoutModel.getMessage().contains("This call names no model"), withoutModel.getMessage());
        }
    }

    @Test
    void aMalformedModelIdIsRefusedBeforeAnyCall() {
        dev.trellis.runtime.DeploymentChannel anyChannel = new dev.trellis.runtime.DeploymentChannel() {
            @Override
            public <R> dev.trellis.runtime.DeploymentResponse<R> call(dev.trellis.runtime.DeploymentMethod<R> method,
                    Object[] args) {
                throw new AssertionError("not called");
            }
        };

        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> Multiplexing.channel(anyChannel, "has space"));

        assertEquals("A model id is 1 to 256 printable ASCII characters without spaces, was 'has space'",
                malformed.getMessage());
    }
}
