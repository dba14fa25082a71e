package dev.trellis.runtime.server;

import java.util.Locale;

/**
 * How a request at the ingress ended, as {@code trellis_requests_total} counts it. The ingress handler
 * registers it in the request's context when it knows more than the status says (a 503 is back-pressure,
 * a lost replica or a closing application); otherwise the status decides.
 */
enum RequestOutcome {
    OK,
    /** The request was at fault (4xx). */
    USER_ERROR,
    /** Every replica was full and the queue too. */
    BACK_PRESSURE,
    /** The request's deadline passed. */
    TIMEOUT,
    /** The replica serving it went away or could not be reached. */
    REPLICA_LOST,
    /** The application was stopping. */
    UNAVAILABLE,
    /** The client gave up on it (gRPC: cancelled). */
    CANCELLED,
    /** The application failed (5xx). */
    ERROR;

    /** The label value: lower case. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a gRPC call that closed with {@code code} and the Trellis failure trailer {@code failure}. */
    static RequestOutcome ofGrpc(io.grpc.Status.Code code, java.util.Optional<String> failure) {
        return switch (code) {
            case OK -> OK;
            case INVALID_ARGUMENT, NOT_FOUND, UNIMPLEMENTED, FAILED_PRECONDITION, OUT_OF_RANGE -> USER_ERROR;
            case DEADLINE_EXCEEDED -> TIMEOUT;
            case CANCELLED -> CANCELLED;
            case RESOURCE_EXHAUSTED -> BACK_PRESSURE;
            case UNAVAILABLE -> failure.map(kind -> switch (kind) {
                case dev.trellis.runtime.grpc.CallTimer.BACK_PRESSURE -> BACK_PRESSURE;
                case dev.trellis.runtime.grpc.CallTimer.CLOSED -> UNAVAILABLE;
                default -> REPLICA_LOST;
            }).orElse(REPLICA_LOST);
            default -> ERROR;
        };
    }

    /** The outcome a status means when nothing more is known. */
    static RequestOutcome of(int status) {
        if (status < 400) {
            return OK;
        }
        return switch (status) {
            case 408, 504 -> TIMEOUT;
            case 429 -> BACK_PRESSURE;
            case 503 -> UNAVAILABLE;
            default -> status < 500 ? USER_ERROR : ERROR;
        };
    }
}
