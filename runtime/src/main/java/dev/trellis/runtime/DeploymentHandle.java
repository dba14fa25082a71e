package dev.trellis.runtime;

import java.util.Objects;

/**
 * The base of every generated handle ({@code GreeterHandle} for {@code @Deployment Greeter}). A handle
 * is cheap, immutable and thread-safe; every method starts a call and returns a
 * {@link DeploymentResponse} at once.
 */
public abstract class DeploymentHandle {

    private final DeploymentChannel channel;

    protected DeploymentHandle(DeploymentChannel channel) {
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** Starts a call of {@code method}; used by the generated methods. */
    protected final <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
        return channel.call(method, args);
    }

    /** Starts a call of the streaming {@code method}; used by the generated methods. */
    protected final <R> DeploymentStream<R> stream(DeploymentMethod<R> method, Object[] args) {
        return DeploymentStream.of(channel.call(method, args));
    }
}
