package dev.trellis.runtime;

import java.io.Serial;

/**
 * A call was refused at once because the deployment's queue already held
 * {@code maxQueuedRequests} waiting calls. Nothing was run; the caller may retry later. HTTP
 * clients see it as 503.
 */
public final class BackPressureException extends DeploymentException {

    @Serial
    private static final long serialVersionUID = 1L;

    public BackPressureException(String deployment, int maxQueuedRequests) {
        super(deployment, "Deployment '" + deployment + "' is overloaded: " + maxQueuedRequests
                + " calls are already waiting (maxQueuedRequests); retry later", null);
    }

    /** The same refusal reported by a replica in another process, with its message. */
    public BackPressureException(String deployment, String message) {
        super(deployment, message, null);
    }
}
