package dev.trellis.runtime.grpc;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.ReplicaLostException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.flow.ItemBuffer;
import dev.trellis.runtime.graph.DeploymentWire;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
    private final boolean timeoutCapsRequests; // withTimeout: a deadline the caller chose, kept even in a request

    private RemoteReplica(String deployment, DeploymentWire wire, DeploymentMethods methods, ManagedChannel channel,
            Duration timeout, boolean timeoutCapsRequests) {
        this.deployment = deployment;
        this.wire = wire;
        this.methods = methods;
        this.channel = channel;
        this.timeout = timeout;
        this.timeoutCapsRequests = timeoutCapsRequests;
    }

    /**
     * Connects to a replica of {@code deployment} at {@code host:port}; the connection is made at the
     * first call and kept.
     *
     * @param timeout the deadline of each call made outside a request; one made on behalf of a request
     *     has that request's deadline
     */
    public static RemoteReplica connect(String application, String deployment, DeploymentWire wire, String host,
            int port, Duration timeout) {
        return connect(application, deployment, wire, host, port, timeout, java.util.Optional.empty());
    }

    /**
     * Like {@link #connect(String, String, DeploymentWire, String, int, Duration)}, each call carrying the
     * application's internal credentials, as a replica requires them.
     */
    public static RemoteReplica connect(String application, String deployment, DeploymentWire wire, String host,
            int port, Duration timeout, java.util.Optional<CallerSecret> secret) {
        return connect(application, deployment, wire, host, port, timeout,
                secret.map(credentials -> java.util.List.of(credentials.attach())).orElse(java.util.List.of()));
    }

    /** Like the others, each call passing through {@code interceptors} first (credentials of other kinds). */
    static RemoteReplica connect(String application, String deployment, DeploymentWire wire, String host, int port,
            Duration timeout, java.util.List<io.grpc.ClientInterceptor> interceptors) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port);
        builder.intercept(interceptors);
        ManagedChannel channel = builder
                .usePlaintext()
                // Answers complete on the transport thread that read them, which then wakes the caller:
                // one thread hand-off instead of two through gRPC's default executor (~60 us on 2 cores,
                // see docs/benchmarks.md). Nothing on that path blocks: the listener decodes and
                // completes, routers only reassign slots, and DeploymentResponse runs user
                // continuations on threads of their own.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .intercept(dev.trellis.runtime.tracing.Tracing.clientInterceptor()) // the trace context goes along
                .build();
        return new RemoteReplica(deployment, wire, new DeploymentMethods(application, wire.methods()), channel,
                timeout, false);
    }

    /**
     * The same replica, called with another deadline over the same channel: copies are cheap, and
     * closing any of them closes the channel they share. That deadline also bounds calls made on behalf of
     * a request whose own deadline is later.
     */
    public RemoteReplica withTimeout(Duration timeout) {
        return new RemoteReplica(deployment, wire, methods, channel, timeout, true);
    }

    /** The deadline of each call made outside a request. */
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
        // The deadline of the request this call serves travels with it; a call made outside any request
        // gets this channel's own.
        long inherited = CallContext.current().flatMap(CallContext::remaining).map(Duration::toNanos)
                .orElse(Long.MAX_VALUE);
        long deadlineNanos = inherited == Long.MAX_VALUE || timeoutCapsRequests
                ? Math.min(timeout.toNanos(), inherited) : inherited;
        if (deadlineNanos <= 0) {
            result.completeExceptionally(new DeploymentTimeoutException(deployment,
                    method + " was not sent: the deadline of the request it serves has passed"));
            return DeploymentResponse.of(result);
        }
        ClientCall<byte[], byte[]> rpc = channel.newCall(methods.get(method.index()),
                CallOptions.DEFAULT.withDeadlineAfter(deadlineNanos, TimeUnit.NANOSECONDS));
        Metadata headers = new Metadata();
        String modelId = dev.trellis.runtime.Multiplexing.outgoingModelId();
        if (modelId != null) {
            headers.put(GrpcStatuses.MODEL_ID, modelId); // the replica loads that model for the call
        }
        if (method.streaming()) {
            rpc.start(new StreamAnswer<>(method, result, rpc), headers);
            rpc.request(StreamAnswer.CAPACITY); // then one more per item read: never more than the buffer holds
        } else {
            rpc.start(new Answer<>(method, result), headers);
            rpc.request(2);
        }
        rpc.sendMessage(request);
        rpc.halfClose();
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                rpc.cancel("cancelled by the caller", null);
            }
        });
        return DeploymentResponse.of(result);
    }

    /**
     * Listens for the answer of one call. A call that fails unavailable before the replica acknowledged
     * it (its response headers) never reached the replica; its router may send it elsewhere.
     */
    private final class Answer<R> extends ClientCall.Listener<byte[]> {

        private final DeploymentMethod<R> method;
        private final CompletableFuture<R> result;
        private volatile boolean received;
        private byte[] response;

        Answer(DeploymentMethod<R> method, CompletableFuture<R> result) {
            this.method = method;
            this.result = result;
        }

        @Override
        public void onHeaders(Metadata headers) {
            received = true;
        }

        @Override
        public void onMessage(byte[] message) {
            response = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            try {
                if (status.isOk()) {
                    complete(method, result, response);
                } else {
                    result.completeExceptionally(failure(method, received, status, trailers));
                }
            } catch (RuntimeException e) {
                // never leave the caller waiting: gRPC swallows what a listener throws
                result.completeExceptionally(new DeploymentException(deployment, method + " failed: " + status, e));
            }
        }
    }

    /**
     * Listens for the items of one streaming call: the call is answered with an {@link ItemBuffer} when the
     * replica acknowledges it, and each item is decoded into it. Flow control keeps the replica at most
     * {@link #CAPACITY} items ahead of the reader: gRPC delivers a message only after it was asked for one
     * more, and it is asked once per item read.
     */
    private final class StreamAnswer<R> extends ClientCall.Listener<byte[]> {

        static final int CAPACITY = ItemBuffer.DEFAULT_CAPACITY;

        private final DeploymentMethod<R> method;
        private final CompletableFuture<R> result;
        private final ClientCall<byte[], byte[]> rpc;
        private volatile ItemBuffer<Object> items; // set when the replica acknowledged the call

        StreamAnswer(DeploymentMethod<R> method, CompletableFuture<R> result, ClientCall<byte[], byte[]> rpc) {
            this.method = method;
            this.result = result;
            this.rpc = rpc;
        }

        @Override
        public void onHeaders(Metadata headers) {
            opened();
        }

        /** Answers the call with its buffer, once. */
        @SuppressWarnings("unchecked") // R is the item type; a streaming call's response holds its buffer
        private ItemBuffer<Object> opened() {
            if (items == null) {
                ItemBuffer<Object> buffer = new ItemBuffer<>(CAPACITY);
                buffer.onTake(() -> rpc.request(1));
                buffer.onStop(() -> rpc.cancel("the reader stopped reading", null));
                items = buffer;
                if (!result.complete((R) buffer)) {
                    buffer.cancel(); // the caller gave up before the replica acknowledged it
                }
            }
            return items;
        }

        @Override
        public void onMessage(byte[] message) {
            Object item;
            try {
                item = wire.decodeResponse(method.index(), message);
            } catch (RuntimeException e) {
                opened().abort(new DeploymentException(deployment,
                        "An item of " + method + " could not be decoded: " + e.getMessage(), e));
                return;
            }
            opened().offer(item);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            try {
                if (status.isOk()) {
                    opened().finish();
                } else if (items == null) {
                    result.completeExceptionally(failure(method, false, status, trailers));
                } else {
                    // Items may have been read already: a lost replica fails the stream, it does not rerun it.
                    items.fail(failure(method, true, status, trailers));
                }
            } catch (RuntimeException e) {
                // never leave the caller waiting: gRPC swallows what a listener throws
                DeploymentException failed = new DeploymentException(deployment, method + " failed: " + status, e);
                if (!result.completeExceptionally(failed)) {
                    opened().fail(failed);
                }
            }
        }
    }

    private RuntimeException failure(DeploymentMethod<?> method, boolean received, Status status, Metadata trailers) {
        StatusRuntimeException failure = status.asRuntimeException(trailers);
        boolean answeredByTrellis = trailers != null && trailers.containsKey(GrpcStatuses.FAILURE);
        if (!answeredByTrellis && transportBroke(status)) {
            // Not an answer: the connection failed. Unavailable before the replica acknowledged the
            // call, the call never reached it. Otherwise (acknowledged, or a connection reset under a
            // call already sent) the replica may have been running it when it went away.
            boolean neverArrived = !received && status.getCode() == Status.Code.UNAVAILABLE;
            return neverArrived
                    ? new ReplicaUnreachableException(deployment, "A replica of deployment '" + deployment
                            + "' could not be reached for " + method + ": " + status.getDescription(), failure)
                    : new ReplicaLostException(deployment, "A replica of deployment '" + deployment
                            + "' went away while it was running " + method + ": " + status.getDescription(),
                            failure);
        }
        return GrpcStatuses.toException(deployment, method.toString(), failure);
    }

    /**
     * Whether grpc-java closed the call because its connection failed: {@code UNAVAILABLE},
     * {@code CANCELLED} that no replica answered (a replica's server forced down resets the streams of the
     * calls it still runs; a caller's own cancel has completed its call already), or {@code UNKNOWN}
     * caused by a closed channel (how grpc-java reports a connection the peer's death reset under a
     * running call).
     */
    private static boolean transportBroke(Status status) {
        if (status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.CANCELLED) {
            return true;
        }
        for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.ClosedChannelException) {
                return status.getCode() == Status.Code.UNKNOWN;
            }
        }
        return false;
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
        close(java.time.Duration.ofSeconds(5));
    }

    /**
     * Closes the channel once the calls on it have ended, or after {@code grace}, when those still running
     * are cancelled: a replica that left rotation gets its whole graceful shutdown to answer them.
     */
    public void close(java.time.Duration grace) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
