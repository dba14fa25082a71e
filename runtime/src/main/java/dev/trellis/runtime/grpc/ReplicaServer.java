package dev.trellis.runtime.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.helidon.webserver.grpc.GrpcConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What a replica process listens with: grpc-java's own Netty server, the same transport as the
 * {@link RemoteReplica} channels that call it, with messages up to {@link RemoteReplica#MAX_MESSAGE_BYTES}
 * and every call's handler on a virtual thread of its own (handlers wait for their call's answer). It
 * replaced Helidon's gRPC server here, which took 2.3 times as long as grpc-java's for a 4 MB hop
 * (docs/benchmarks.md); the HTTP and gRPC ingress stay on Helidon ({@link #grpcConfig()}).
 */
public final class ReplicaServer implements AutoCloseable {

    /** How long closing waits for handlers still sending answers; they have no more work to do. */
    private static final java.time.Duration ANSWER_GRACE = java.time.Duration.ofSeconds(5);

    private final Server server;
    private final ExecutorService handlers;

    private ReplicaServer(Server server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /**
     * Starts serving {@code services} on {@code port} (0 for any free port) of {@code host}.
     */
    public static ReplicaServer start(String host, int port, List<ServerServiceDefinition> services) {
        return start(host, port, services, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #start(String, int, List)}, with a limit of calls open at once on one connection: a test
     * reaches a small one after a few calls.
     */
    static ReplicaServer start(String host, int port, List<ServerServiceDefinition> services,
            long maxConcurrentStreams) {
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trellis-rpc-", 0)
                .factory());
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .executor(handlers)
                .maxInboundMessageSize(RemoteReplica.MAX_MESSAGE_BYTES)
                .maxConcurrentCallsPerConnection((int) Math.min(Integer.MAX_VALUE, maxConcurrentStreams));
        services.forEach(builder::addService);
        try {
            return new ReplicaServer(builder.build().start(), handlers);
        } catch (IOException e) {
            handlers.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
        }
    }

    /**
     * The gRPC settings of the Helidon ingress: messages up to {@link RemoteReplica#MAX_MESSAGE_BYTES}, and
     * no compression. Helidon gzips every answer by default when the caller accepts gzip, as grpc-java
     * does: that cost a pre-processor's 10 MB result (pixels and a float tensor, which hardly compress)
     * 0.5 s of CPU, ten times the step's own work, while replicas were served by Helidon too.
     */
    public static GrpcConfig grpcConfig() {
        return GrpcConfig.builder().maxReadBufferSize(RemoteReplica.MAX_MESSAGE_BYTES).enableCompression(false).build();
    }

    /** The port it listens on. */
    public int port() {
        return server.getPort();
    }

    /**
     * Stops listening and lets handlers still sending answers finish, for a few seconds at most; then the
     * connections go, and a caller whose call was still running sees its replica lost. Handlers are not
     * interrupted: one that answered "cancelled" first would tell its caller the wrong thing.
     */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(ANSWER_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(ANSWER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            handlers.shutdown();
        }
    }
}
