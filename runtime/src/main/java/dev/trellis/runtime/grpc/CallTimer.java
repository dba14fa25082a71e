package dev.trellis.runtime.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells {@code listener} of every gRPC call the server answered: its full method name, status, what the
 * Trellis failure trailer said it was ({@code back-pressure}, {@code closed}, {@code cancelled}), and how
 * long it took from its headers to its close. The ingress uses it to count its gRPC calls as it counts
 * its HTTP requests.
 */
public final class CallTimer implements ServerInterceptor {

    /** Hears of each call as it closes. */
    @FunctionalInterface
    public interface Listener {
        void closed(String fullMethodName, Status.Code code, Optional<String> failure, Duration took);
    }

    private final Listener listener;

    public CallTimer(Listener listener) {
        this.listener = listener;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        long start = System.nanoTime();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                try {
                    super.close(status, trailers);
                } finally {
                    listener.closed(call.getMethodDescriptor().getFullMethodName(), status.getCode(),
                            Optional.ofNullable(trailers.get(GrpcStatuses.FAILURE)),
                            Duration.ofNanos(System.nanoTime() - start));
                }
            }
        }, headers);
    }

    /** {@link GrpcStatuses}' word for back-pressure in the failure trailer. */
    public static final String BACK_PRESSURE = GrpcStatuses.BACK_PRESSURE;
    /** {@link GrpcStatuses}' word for a closing application. */
    public static final String CLOSED = GrpcStatuses.CLOSED;
}
