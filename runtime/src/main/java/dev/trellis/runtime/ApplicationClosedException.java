package dev.trellis.runtime;

import java.io.Serial;

/**
 * A call was refused because its application is shutting down. Calls already running are allowed to
 * finish; calls made after the shutdown began, and calls still waiting for a replica, fail with this.
 * HTTP clients see it as 503.
 */
public final class ApplicationClosedException extends DeploymentException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ApplicationClosedException(DeploymentMethod<?> method) {
        super(method.deployment(), "Cannot call " + method + ": application is shutting down", null);
    }
}
