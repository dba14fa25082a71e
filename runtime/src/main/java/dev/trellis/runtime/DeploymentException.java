package dev.trellis.runtime;

import java.io.Serial;

/**
 * A call to a deployment failed: the user's method threw, or the call could not be served. The
 * message names the deployment and method; the cause is what the replica threw, if anything.
 */
public class DeploymentException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String deployment;

    public DeploymentException(String deployment, String message, Throwable cause) {
        super(message, cause);
        this.deployment = deployment;
    }

    /** The name of the deployment whose call failed. */
    public String deployment() {
        return deployment;
    }
}
