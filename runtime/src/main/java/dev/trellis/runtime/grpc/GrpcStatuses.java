package dev.trellis.runtime.grpc;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.wire.WireFormatException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;

/**
 * Turns a failed call into a gRPC status and back, so that a remote call fails the way a local one
 * does: back-pressure is {@code UNAVAILABLE} and becomes a {@link BackPressureException} again at the
 * caller; bad arguments are {@code INVALID_ARGUMENT}; a failure in user code is {@code UNKNOWN} with the
 * deployment's summary, never a stack trace.
 */
final class GrpcStatuses {

    /**
     * Says which Trellis failure a status stands for ({@code UNAVAILABLE}, {@code CANCELLED}): a status
     * without it came from the transport, not from a replica's answer.
     */
    static final Metadata.Key<String> FAILURE = Metadata.Key.of("trellis-failure", Metadata.ASCII_STRING_MARSHALLER);
    /** The model a call of a multiplexed deployment is addressed to. */
    static final Metadata.Key<String> MODEL_ID = Metadata.Key.of(dev.trellis.runtime.Multiplexing.GRPC_KEY,
            Metadata.ASCII_STRING_MARSHALLER);
    static final String BACK_PRESSURE = "back-pressure";
    static final String CLOSED = "closed";
    static final String CANCELLED = "cancelled";

    private GrpcStatuses() {}

    static StatusRuntimeException toStatus(Throwable failure) {
        Metadata trailers = new Metadata();
        if (failure instanceof BackPressureException) {
            trailers.put(FAILURE, BACK_PRESSURE);
            return Status.UNAVAILABLE.withDescription(failure.getMessage()).asRuntimeException(trailers);
        }
        if (failure instanceof ApplicationClosedException) {
            trailers.put(FAILURE, CLOSED);
            return Status.UNAVAILABLE.withDescription(failure.getMessage()).asRuntimeException(trailers);
        }
        if (failure instanceof DeploymentTimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof CancellationException) {
            // Marked as the replica's answer: grpc-java's server cancels the streams of calls still
            // running when it is forced down, and the caller must tell that (a lost replica) from this.
            trailers.put(FAILURE, CANCELLED);
            return Status.CANCELLED.withDescription("the call was cancelled").asRuntimeException(trailers);
        }
        if (failure instanceof WireFormatException) {
            return Status.INVALID_ARGUMENT.withDescription("malformed request: " + failure.getMessage())
                    .asRuntimeException();
        }
        // Refused arguments, here or further down the chain of calls: as HttpFailure answers them, in
        // whatever process the ingress that answers runs.
        if (failure instanceof DeploymentException deployment && deployment.refusedArguments().isPresent()) {
            IllegalArgumentException invalid = deployment.refusedArguments().get();
            String message = invalid.getMessage() != null ? invalid.getMessage() : deployment.getMessage();
            return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
        }
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        return Status.UNKNOWN.withDescription(message).asRuntimeException();
    }

    /** Whether the call failed before any byte reached the replica: its connection was refused. */
    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The exception a caller sees for a failed remote call of {@code deployment}. */
    static RuntimeException toException(String deployment, String method, StatusRuntimeException failure) {
        Status status = failure.getStatus();
        Metadata trailers = failure.getTrailers();
        String kind = trailers == null ? null : trailers.get(FAILURE);
        String description = status.getDescription() != null ? status.getDescription() : status.getCode().name();
        if (status.getCode() == Status.Code.UNAVAILABLE && BACK_PRESSURE.equals(kind)) {
            return new BackPressureException(deployment, description);
        }
        if (status.getCode() == Status.Code.UNAVAILABLE && CLOSED.equals(kind)) {
            // The replica is shutting down and refused the call before running it: another may take it.
            return new ReplicaUnreachableException(deployment, "A replica of deployment '" + deployment
                    + "' is shutting down and refused " + method + ": " + description, failure);
        }
        if (status.getCode() == Status.Code.CANCELLED) {
            CancellationException cancelled = new CancellationException(method + " was cancelled: " + description);
            cancelled.initCause(failure); // CancellationException(String) leaves the cause unset, so this works
            return cancelled;
        }
        if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
            return new DeploymentException(deployment, method + " refused its arguments: " + description,
                    new IllegalArgumentException(description, failure));
        }
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            return new DeploymentException(deployment, "A replica of deployment '" + deployment + "' refused " + method
                    + " (UNAUTHENTICATED): " + description, failure);
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new DeploymentTimeoutException(deployment, method + " did not answer before its deadline",
                    failure);
        }
        if (status.getCode() == Status.Code.UNAVAILABLE && neverConnected(failure)) {
            return new ReplicaUnreachableException(deployment, "A replica of deployment '" + deployment
                    + "' refused the connection for " + method, failure);
        }
        if (status.getCode() == Status.Code.UNAVAILABLE) {
            return new DeploymentException(deployment, "Deployment '" + deployment + "' is unavailable: "
                    + description, failure);
        }
        return new DeploymentException(deployment, description, failure);
    }
}
