package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.TestApps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replica's connection lasts: the calls it has answered do not count against Helidon's limit of
 * streams open at once. Helidon frees a stream only if its handler's thread has answered before it
 * returns; when answers came from the replica's own threads, every call left a stream behind and, once
 * the limit was reached, Helidon closed the connection with GOAWAY and failed the calls in flight on it.
 */
class StreamReuseTest {

    private static final int MAX_CONCURRENT_STREAMS = 10;

    @Test
    void farMoreCallsThanTheStreamLimitSucceedOnOneConnection() {
        EchoWire wire = new EchoWire();
        Gate gate = new Gate();
        gate.open();
        DeploymentNode<Echo> node = new DeploymentNode<>("Echo", new DeploymentSpec(1, 4, 100,
                new ResourceSpec(1, 0, 0)), List.of(), context -> new Echo(gate), Echo::dispatch, wire);
        try (TrellisApplication app = TestApps.start(GrpcTransportTest.graphOf(node));
                ReplicaServer server = ReplicaServer.start("127.0.0.1", 0,
                        List.of(DeploymentGrpcService.create("transport-test", wire, app.channel("Echo"))),
                        MAX_CONCURRENT_STREAMS);
                RemoteReplica remote = RemoteReplica.connect("transport-test", "Echo", wire, "127.0.0.1",
                        server.port(), Duration.ofSeconds(30))) {
            for (int i = 0; i < 20 * MAX_CONCURRENT_STREAMS; i++) {
                assertEquals("call " + i, remote.call(Echo.ECHO, new Object[] {"call " + i}).join());
            }
        }
    }
}
