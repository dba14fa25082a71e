package dev.trellis.runtime.server;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.ReplicaLostException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.DeploymentMethod;
import io.helidon.http.Status;

/**
 * How a failed ingress call is answered over HTTP. The message is what the client may read: the
 * deployment's own summary ("HelloIngress.hello failed: IllegalStateException: boom"), never a stack
 * trace, which only the server log gets.
 *
 * @param status the HTTP status
 * @param message the error message for the client
 * @param serverFault whether the server is at fault (logged as a warning with the stack trace) rather
 *     than the client or the load (logged at debug level)
 */
record HttpFailure(Status status, String message, boolean serverFault, RequestOutcome outcome) {

    /**
     * Maps a failure of a call of {@code method}: back-pressure, shutdown and replicas that could not be
     * reached or went away are 503, an
     * {@link IllegalArgumentException} thrown by the ingress method itself, or by a deployment it called
     * and whose failure it let through, is the client's fault (400),
     * anything else is 500.
     */
    static HttpFailure of(Throwable failure, DeploymentMethod<?> method) {
        if (failure instanceof DeploymentTimeoutException) {
            return new HttpFailure(Status.REQUEST_TIMEOUT_408, failure.getMessage(), false, RequestOutcome.TIMEOUT);
        }
        if (failure instanceof BackPressureException) {
            return new HttpFailure(Status.SERVICE_UNAVAILABLE_503, failure.getMessage(), false,
                    RequestOutcome.BACK_PRESSURE);
        }
        if (failure instanceof ReplicaUnreachableException || failure instanceof ReplicaLostException) {
            return new HttpFailure(Status.SERVICE_UNAVAILABLE_503, failure.getMessage(), false,
                    RequestOutcome.REPLICA_LOST);
        }
        if (failure instanceof ApplicationClosedException) {
            return new HttpFailure(Status.SERVICE_UNAVAILABLE_503, failure.getMessage(), false,
                    RequestOutcome.UNAVAILABLE);
        }
        if (failure instanceof DeploymentException deployment) {
            IllegalArgumentException invalid = deployment.refusedArguments().orElse(null);
            if (invalid != null) {
                String message = invalid.getMessage() != null ? invalid.getMessage() : deployment.getMessage();
                return new HttpFailure(Status.BAD_REQUEST_400, message, false, RequestOutcome.USER_ERROR);
            }
            if (deployment.getMessage() != null) {
                return new HttpFailure(Status.INTERNAL_SERVER_ERROR_500, deployment.getMessage(), true,
                        RequestOutcome.ERROR);
            }
        }
        return new HttpFailure(Status.INTERNAL_SERVER_ERROR_500,
                method + " failed: " + failure.getClass().getSimpleName() + "; see the server log", true,
                RequestOutcome.ERROR);
    }
}
