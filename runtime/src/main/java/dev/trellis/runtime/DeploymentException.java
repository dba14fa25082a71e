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

    /**
     * The {@link IllegalArgumentException} that refused the request this failure ends, thrown by the
     * method that failed or by a deployment it passed the request's data on to (a pre-processing step that
     * finds an uploaded image corrupt), in this process or in another: the caller's fault either way. Only a
     * chain of deployment failures is followed, so an exception that merely wraps one somewhere deep in user
     * code stays the deployment's own failure.
     */
    public java.util.Optional<IllegalArgumentException> refusedArguments() {
        Throwable cause = getCause();
        for (int depth = 0; depth < 16 && cause != null; depth++) {
            if (cause instanceof IllegalArgumentException invalid) {
                return java.util.Optional.of(invalid);
            }
            if (!(cause instanceof DeploymentException)) {
                return java.util.Optional.empty();
            }
            cause = cause.getCause();
        }
        return java.util.Optional.empty();
    }
}
