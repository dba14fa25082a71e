package dev.trellis.runtime.grpc;

import io.grpc.ServerServiceDefinition;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcConfig;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.http2.Http2Config;
import java.util.List;

/**
 * A Helidon web server that serves deployments over gRPC: what a replica process listens with. Nagle's
 * algorithm is off (Helidon leaves it on, costing ~40 ms per small call) and the message limit is
 * raised from Helidon's 2 MiB to {@link RemoteReplica#MAX_MESSAGE_BYTES}.
 */
public final class ReplicaServer implements AutoCloseable {

    /** How long closing waits for handlers still sending answers; they have no more work to do. */
    private static final java.time.Duration ANSWER_GRACE = java.time.Duration.ofSeconds(5);

    private final WebServer server;

    private ReplicaServer(WebServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code services} on {@code port} (0 for any free port) of {@code host}.
     */
    public static ReplicaServer start(String host, int port, List<ServerServiceDefinition> services) {
        return start(host, port, services, Http2Config.create().maxConcurrentStreams());
    }

    /**
     * Like {@link #start(String, int, List)}, with another limit of streams open at once on one
     * connection than Helidon's 8192: a test reaches a small one after a few calls.
     */
    static ReplicaServer start(String host, int port, List<ServerServiceDefinition> services,
            long maxConcurrentStreams) {
        GrpcRouting.Builder routing = GrpcRouting.builder();
        services.forEach(routing::service);
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .connectionOptions(options -> options.tcpNoDelay(true))
                // Helidon's own hook would close the connections while calls still run; the replica's
                // hook closes the server once they have answered.
                .shutdownHook(false)
                // Handlers send their answers on their own threads, just after the call ends: closing
                // lets them finish instead of cutting the connection under the last answers.
                .shutdownGracePeriod(ANSWER_GRACE)
                .addProtocol(Http2Config.builder().maxConcurrentStreams(maxConcurrentStreams).build())
                .addProtocol(grpcConfig())
                .addRouting(routing)
                .build()
                .start();
        return new ReplicaServer(server);
    }

    /**
     * The gRPC settings of every Trellis listener, a replica's and the ingress's: messages up to
     * {@link RemoteReplica#MAX_MESSAGE_BYTES}, and no compression. Helidon gzips every answer by default
     * when the caller accepts gzip, as grpc-java does: that cost a pre-processor's 10 MB result (pixels and
     * a float tensor, which hardly compress) 0.5 s of CPU, ten times the step's own work.
     */
    public static GrpcConfig grpcConfig() {
        return GrpcConfig.builder().maxReadBufferSize(RemoteReplica.MAX_MESSAGE_BYTES).enableCompression(false).build();
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
