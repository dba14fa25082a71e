package dev.trellis.benchmarks;

import dev.trellis.runtime.grpc.BytesMarshaller;
import dev.trellis.runtime.grpc.ReplicaServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The baselines' server: one unary gRPC method that answers with the bytes it received, in a JVM of its
 * own like a Trellis replica. Served by plain grpc-java (Netty), or with argument {@code replica} by the
 * server a Trellis replica listens with ({@link ReplicaServer}, with its settings), which tells the cost of
 * that server apart from the cost of Trellis's own work. Prints {@value #READY} and its port
 * when it serves, and exits with its parent.
 */
public final class RawEchoServer {

    static final String READY = "RAW-ECHO-READY";

    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.RawEcho", "Echo"))
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    private RawEchoServer() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.RawEcho")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .build();
        if (args.length > 0 && args[0].equals("replica")) {
            ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(service));
            announce(server.port());
            new CountDownLatch(1).await(); // until the parent exits or the process is stopped
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "raw-echo-shutdown"));
        announce(server.getPort());
        server.awaitTermination();
    }

    private static void announce(int port) {
        System.out.println(READY + " " + port);
        System.out.flush();
    }
}
