package dev.trellis.runtime;

import java.io.Serial;

/**
 * A replica in another process went away (its process died, its connection broke) while it was running
 * a call. The call may or may not have had its effects there. Routers run it again on another replica if
 * its method is {@code @Idempotent}; otherwise the caller sees this, naming the deployment.
 */
public final class ReplicaLostException extends DeploymentException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ReplicaLostException(String deployment, String message, Throwable cause) {
        super(deployment, message, cause);
    }
}
