package dev.trellis.runtime.grpc;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One {@link Echo} replica served over gRPC, as another process would see it: the application, its
 * server on a free port, and a remote channel to it. One slot and a queue of one, so tests can fill it.
 */
record EchoReplica(TrellisApplication app, ReplicaServer server, RemoteReplica remote) implements AutoCloseable {

    static final EchoWire WIRE = new EchoWire();

    static EchoReplica start(Supplier<Echo> echo) {
        DeploymentNode<Echo> node = new DeploymentNode<>("Echo", new DeploymentSpec(1, 1, 1, new ResourceSpec(1, 0, 0)),
                List.of(), context -> echo.get(), Echo::dispatch, WIRE);
        TrellisApplication app = TestApps.start(GrpcTransportTest.graphOf(node));
        ReplicaServer server = ReplicaServer.start("127.0.0.1", 0,
                List.of(DeploymentGrpcService.create("transport-test", WIRE, app.channel("Echo"))));
        RemoteReplica remote = RemoteReplica.connect("transport-test", "Echo", WIRE, "127.0.0.1", server.port(),
                Duration.ofSeconds(30));
        return new EchoReplica(app, server, remote);
    }

    @Override
    public void close() {
        remote.close();
        server.close();
        app.close();
    }
}
