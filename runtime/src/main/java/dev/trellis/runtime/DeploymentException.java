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

    /**
     * A failure as one line for messages and logs, never a stack trace: {@code "IllegalStateException:
     * model not loaded"}, or the class's name alone when it has no message.
     */
    public static String describe(Throwable failure) {
        String type = failure.getClass().getSimpleName().isEmpty()
                ? failure.getClass().getName()
                : failure.getClass().getSimpleName();
        return failure.getMessage() == null ? type : type + ": " + failure.getMessage();
    }
}
