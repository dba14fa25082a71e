package dev.trellis.runtime.grpc;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.flow.ItemBuffer;
import dev.trellis.runtime.graph.DeploymentWire;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one deployment over gRPC: each RPC decodes its request with the generated wire class, hands the
 * call to the deployment's local router (so limits, queueing and back-pressure are the same as for a
 * local call) and answers with the encoded result. A client that cancels, or whose deadline passes,
 * cancels the call in the replica. Every call is completed, successfully or with a status.
 */
public final class DeploymentGrpcService {

    private static final System.Logger LOGGER = System.getLogger(DeploymentGrpcService.class.getName());

    private DeploymentGrpcService() {}

    /**
     * The service of {@code deployment} for a gRPC server (Helidon's {@code GrpcRouting.service} takes it).
     *
     * @param application the application's name, which names the service
     * @param wire the deployment's generated wire class
     * @param router where the decoded calls go
     */
    public static ServerServiceDefinition create(String application, DeploymentWire wire, DeploymentChannel router) {
        return create(application, wire, router, new AnswersInFlight());
    }

    /**
     * Like {@link #create(String, DeploymentWire, DeploymentChannel)}, counting the calls being served in
     * {@code inFlight} until their answers are sent, for a replica to wait on before closing its server.
     */
    public static ServerServiceDefinition create(String application, DeploymentWire wire, DeploymentChannel router,
            AnswersInFlight inFlight) {
        List<DeploymentMethod<?>> methods = wire.methods();
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a deployment without methods has nothing to serve");
        }
        DeploymentMethods descriptors = new DeploymentMethods(application, methods);
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(
                GrpcNames.serviceName(application, methods.get(0).deployment()));
        for (DeploymentMethod<?> method : methods) {
            ServerCalls.UnaryMethod<byte[], byte[]> serve = (request, responses) -> {
                inFlight.started();
                try {
                    serve(method, wire, router, request, responses);
                } finally {
                    inFlight.answered();
                }
            };
            service.addMethod(descriptors.get(method.index()), method.streaming()
                    ? ServerCalls.asyncServerStreamingCall(serve::invoke) : ServerCalls.asyncUnaryCall(serve));
        }
        // Interceptors run last-added first: the caller's trace context is current in everything after it,
        // and the receipt is acknowledged before the model id is read.
        return io.grpc.ServerInterceptors.intercept(service.build(), ModelIdHeader.INSTANCE, AcknowledgeReceipt.INSTANCE,
                dev.trellis.runtime.tracing.Tracing.serverInterceptor());
    }

    private static void serve(DeploymentMethod<?> method, DeploymentWire wire, DeploymentChannel router,
            byte[] request, StreamObserver<byte[]> responses) {
        ServerCallStreamObserver<byte[]> call = (ServerCallStreamObserver<byte[]>) responses;
        Object[] args;
        try {
            args = wire.decodeRequest(method.index(), request);
        } catch (RuntimeException e) {
            fail(call, e);
            return;
        }
        // The caller's deadline, which gRPC carries, becomes the deadline of the call and of every call
        // made on its behalf.
        io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
        CallContext context = deadline == null ? CallContext.withDeadline(CallContext.NO_DEADLINE)
                : CallContext.withTimeout(java.time.Duration.ofNanos(
                        Math.max(0, deadline.timeRemaining(java.util.concurrent.TimeUnit.NANOSECONDS))));
        // The cancel handler is in place before the call starts: a caller that cancels as soon as the call
        // has reached user code must reach it too.
        java.util.concurrent.atomic.AtomicReference<DeploymentResponse<?>> started =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable cancelled = () -> {
            DeploymentResponse<?> running = started.get();
            if (running != null) {
                stop(running);
            }
        };
        call.setOnCancelHandler(cancelled::run);
        // grpc-java's server delivers the cancel handler on the call's own serialized executor, behind
        // this handler, which waits for the answer; it cancels the call's Context at once, on another
        // thread: the caller cancelled, or the server is going down under a running call. Either way
        // nothing is sent: the caller has left, or must see the connection go (the replica was lost)
        // rather than an answer saying the call was cancelled. Helidon's server (the ingress) calls the
        // handler instead.
        java.util.concurrent.atomic.AtomicBoolean callerGone = new java.util.concurrent.atomic.AtomicBoolean();
        io.grpc.Context.current().addListener(grpcContext -> {
            callerGone.set(true);
            cancelled.run();
        }, Runnable::run);
        String modelId = ModelIdHeader.MODEL_ID.get();
        DeploymentResponse<?> response = context.run(() -> modelId == null ? router.call(method, args)
                : dev.trellis.runtime.Multiplexing.addressedTo(modelId, () -> router.call(method, args)));
        started.set(response);
        if (call.isCancelled()) {
            stop(response); // cancelled while it was being started
        }
        Object result;
        try {
            result = awaitOnHandlerThread(response);
        } catch (Throwable failure) {
            if (!callerGone.get()) {
                fail(call, failure);
            }
            return;
        }
        if (method.streaming()) {
            sendItems(method, wire, (ItemBuffer<?>) result, call);
            return;
        }
        byte[] encoded;
        try {
            encoded = wire.encodeResponse(method.index(), result);
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, method + " returned a value that cannot be encoded", e);
            fail(call, e);
            return;
        }
        if (!call.isCancelled()) {
            try {
                call.onNext(encoded);
                call.onCompleted();
            } catch (StatusRuntimeException e) {
                LOGGER.log(Level.DEBUG, () -> method + ": the caller went away before the answer");
            }
        }
    }

    /**
     * Sends a streaming call's items as they come, from the handler's thread (see
     * {@link #awaitOnHandlerThread}), then completes the RPC with the stream's end or its failure.
     */
    private static void sendItems(DeploymentMethod<?> method, DeploymentWire wire, ItemBuffer<?> items,
            ServerCallStreamObserver<byte[]> call) {
        try {
            for (Object item = items.take(); item != null; item = items.take()) {
                byte[] encoded;
                try {
                    encoded = wire.encodeResponse(method.index(), item);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, method + " produced an item that cannot be encoded", e);
                    items.cancel();
                    fail(call, e);
                    return;
                }
                call.onNext(encoded);
            }
        } catch (InterruptedException e) {
            items.cancel();
            Thread.currentThread().interrupt();
            fail(call, new java.util.concurrent.CancellationException("the replica is stopping"));
            return;
        } catch (java.util.concurrent.CancellationException e) {
            return; // the caller cancelled: the RPC is closed already
        } catch (StatusRuntimeException e) {
            items.cancel();
            LOGGER.log(Level.DEBUG, () -> method + ": the caller went away during the stream");
            return;
        } catch (RuntimeException failure) {
            fail(call, failure); // the producer's failure, after the items before it
            return;
        }
        if (!call.isCancelled()) {
            try {
                call.onCompleted();
            } catch (StatusRuntimeException e) {
                LOGGER.log(Level.DEBUG, () -> method + ": the caller went away before the end of the stream");
            }
        }
    }

    /** Cancels a call; once it answered with a stream, the stream, which stops its producer. */
    private static void stop(DeploymentResponse<?> response) {
        if (!response.cancel()) {
            response.onCompletion((value, failure) -> {
                if (value instanceof ItemBuffer<?> items) {
                    items.cancel();
                }
            });
        }
    }

    /**
     * Waits for the call's result on the handler's thread, which then sends the answer itself.
     *
     * <p>Helidon 4.5 frees an HTTP/2 stream when the thread that ran the stream's handler returns and the
     * stream is closed by then. A handler that returned first and answered later from another thread
     * left its stream behind; after {@code max-concurrent-streams} (8192) such calls on one connection,
     * Helidon refused the next stream by closing the whole connection with GOAWAY, and every call in
     * flight on it failed ({@code StreamReuseTest}). Each stream has a virtual thread of its own, so
     * waiting here is cheap, and a caller's cancellation still arrives meanwhile: Helidon reads
     * RST_STREAM on the connection's thread. Sending from here also keeps Helidon's blocking writes off
     * the thread that completed the call, a transport thread when the call went to another process.
     *
     * @throws Throwable what the call failed with; an interrupt (the server stopping) cancels it
     */
    private static Object awaitOnHandlerThread(DeploymentResponse<?> response) throws Throwable {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        response.onCompletion((value, failure) -> {
            if (failure == null) {
                outcome.complete(value);
            } else {
                outcome.completeExceptionally(failure);
            }
        });
        try {
            return outcome.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        } catch (InterruptedException e) {
            response.cancel();
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("the replica is stopping");
        }
    }

    private static void fail(ServerCallStreamObserver<byte[]> call, Throwable failure) {
        if (call.isCancelled()) {
            return;
        }
        try {
            call.onError(GrpcStatuses.toStatus(failure));
        } catch (StatusRuntimeException e) {
            LOGGER.log(Level.DEBUG, "the caller went away before the failure could be sent");
        }
    }
}
