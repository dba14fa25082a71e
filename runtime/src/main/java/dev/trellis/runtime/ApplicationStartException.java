package dev.trellis.runtime;

import java.io.Serial;

/**
 * An application could not start because building one of its deployments failed: a replica's
 * constructor threw, or it asked for a deployment that does not exist. Whatever had already started
 * has been shut down again when this is thrown.
 */
public final class ApplicationStartException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String application;
    private final String deployment;

    public ApplicationStartException(String application, String deployment, String message, Throwable cause) {
        super(message, cause);
        this.application = application;
        this.deployment = deployment;
    }

    /** The name of the application that failed to start. */
    public String application() {
        return application;
    }

    /** The name of the deployment whose start failed. */
    public String deployment() {
        return deployment;
    }
}
