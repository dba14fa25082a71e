package dev.trellis.runtime;

import java.io.Serial;

/**
 * A call could not reach a replica in another process: the connection was refused, so the call never
 * started there. Routers retry such calls on another replica; a caller sees this only when no replica
 * could be reached in time.
 */
public final class ReplicaUnreachableException extends DeploymentException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ReplicaUnreachableException(String deployment, String message, Throwable cause) {
        super(deployment, message, cause);
    }
}
