package dev.trellis.runtime;

import java.io.Serial;

/**
 * A call did not finish before its deadline: the deadline of the request it serves, which travels with
 * every call made on its behalf. The call was cancelled wherever it was; it is not retried. HTTP clients
 * see 408, gRPC clients {@code DEADLINE_EXCEEDED}.
 */
public final class DeploymentTimeoutException extends DeploymentException {

    @Serial
    private static final long serialVersionUID = 1L;

    public DeploymentTimeoutException(String deployment, String message) {
        super(deployment, message, null);
    }

    /** The same, reported by a replica in another process or by the transport, with its failure. */
    public DeploymentTimeoutException(String deployment, String message, Throwable cause) {
        super(deployment, message, cause);
    }
}
