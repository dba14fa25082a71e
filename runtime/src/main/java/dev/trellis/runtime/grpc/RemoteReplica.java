package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.spi.DeploymentWire;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls one replica in another process over one long-lived grpc-java channel (HTTP/2, many calls at
 * once). Arguments and results are encoded by the deployment's generated wire class. Cancelling a
 * response cancels the RPC, which cancels the call in the replica.
 */
public final class RemoteReplica implements DeploymentChannel, AutoCloseable {

    /** Messages up to this size are accepted; model inputs and outputs can be large. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    private final String deployment;
    private final DeploymentWire wire;
    private final DeploymentMethods methods;
    private final ManagedChannel channel;
    private final Duration timeout;

    private RemoteReplica(String deployment, DeploymentWire wire, DeploymentMethods methods, ManagedChannel channel,
            Duration timeout) {
        this.deployment = deployment;
        this.wire = wire;
        this.methods = methods;
        this.channel = channel;
        this.timeout = timeout;
    }

    /**
     * Connects to a replica of {@code deployment} at {@code host:port}; the connection is made at the
     * first call and kept.
     *
     * @param timeout the deadline of each call
     */
    public static RemoteReplica connect(String application, String deployment, DeploymentWire wire, String host,
            int port, Duration timeout) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        return new RemoteReplica(deployment, wire, new DeploymentMethods(application, wire.methods()), channel,
                timeout);
    }

    /**
     * The same replica, called with another deadline over the same channel: copies are cheap, and
     * closing any of them closes the channel they share.
     */
    public RemoteReplica withTimeout(Duration timeout) {
        return new RemoteReplica(deployment, wire, methods, channel, timeout);
    }

    /** The deadline of each call. */
    public Duration timeout() {
        return timeout;
    }

    /** The name of the deployment it calls. */
    public String deployment() {
        return deployment;
    }

    @Override
    public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
        CompletableFuture<R> result = new CompletableFuture<>();
        byte[] request;
        try {
            request = wire.encodeRequest(method.index(), args);
        } catch (RuntimeException e) {
            result.completeExceptionally(new DeploymentException(deployment,
                    "The arguments of " + method + " could not be encoded: " + e.getMessage(), e));
            return DeploymentResponse.of(result);
        }
        ClientCall<byte[], byte[]> rpc = channel.newCall(methods.get(method.index()),
                CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
        ClientCalls.asyncUnaryCall(rpc, request, new StreamObserver<>() {
            private byte[] response;

            @Override
            public void onNext(byte[] value) {
                response = value;
            }

            @Override
            public void onError(Throwable failure) {
                if (channel.isShutdown() && failure instanceof StatusRuntimeException status
                        && status.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
                    // This replica was taken out of rotation while the call was being sent: it never
                    // started there, so its router may send it to another replica.
                    result.completeExceptionally(new dev.trellis.runtime.ReplicaUnreachableException(deployment,
                            "Replica of deployment '" + deployment + "' left before " + method + " reached it",
                            failure));
                    return;
                }
                result.completeExceptionally(failure instanceof StatusRuntimeException status
                        ? GrpcStatuses.toException(deployment, method.toString(), status)
                        : new DeploymentException(deployment, method + " failed: " + failure, failure));
            }

            @Override
            public void onCompleted() {
                complete(method, result, response);
            }
        });
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                rpc.cancel("cancelled by the caller", null);
            }
        });
        return DeploymentResponse.of(result);
    }

    @SuppressWarnings("unchecked")
    private <R> void complete(DeploymentMethod<R> method, CompletableFuture<R> result, byte[] response) {
        try {
            result.complete((R) wire.decodeResponse(method.index(), response));
        } catch (RuntimeException e) {
            result.completeExceptionally(new DeploymentException(deployment,
                    "The answer of " + method + " could not be decoded: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
