package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.graph.DeploymentWire;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The base of the client the processor generates for each application ({@code HelloAppClient} for
 * {@code HelloApp}), with which another program calls the application's ingress over gRPC. It is a
 * {@link RemoteReplica} aimed at the server's gRPC ingress, so a remote caller gets the ingress's
 * generated wire format and sees failures as a handle would: {@link dev.trellis.runtime.BackPressureException}
 * when the ingress is full, a {@link DeploymentException} with an {@link IllegalArgumentException} cause
 * for refused arguments, a {@link DeploymentException} naming the deadline when it passes.
 *
 * <p>A client holds one long-lived grpc-java channel (HTTP/2, many calls at once) and is thread-safe.
 * Copies made by the generated {@code withDeadline} share that channel; closing any copy closes it.
 */
public abstract class ApplicationClient implements AutoCloseable {

    /** The deadline of each call unless {@code withDeadline} says otherwise; the server's own default. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    /** The longest deadline accepted: longer ones are almost surely a unit mistake. */
    public static final Duration MAX_DEADLINE = Duration.ofDays(365);

    /**
     * How long a blocking call waits past its deadline: grpc-java fails the call at the deadline itself,
     * so this only bounds the wait should that ever not happen.
     */
    private static final Duration BLOCKING_WAIT_SLACK = Duration.ofSeconds(10);

    private final RemoteReplica ingress;

    protected ApplicationClient(RemoteReplica ingress) {
        this.ingress = Objects.requireNonNull(ingress, "ingress");
    }

    /**
     * Connects to the ingress of {@code application} served at {@code target}, with the
     * {@link #DEFAULT_DEADLINE}; the connection is made at the first call and kept.
     *
     * @param target {@code "host:port"}, the port of the server's HTTP listener (gRPC shares it)
     * @param ingressWire the ingress deployment's generated wire class
     * @throws IllegalArgumentException if {@code target} is not {@code "host:port"}
     */
    protected static RemoteReplica connectIngress(String target, String application, String ingress,
            DeploymentWire ingressWire) {
        HostAndPort address = HostAndPort.parse(target);
        return RemoteReplica.connect(application, ingress, ingressWire, address.host(), address.port(),
                DEFAULT_DEADLINE);
    }

    /**
     * This client's connection with another deadline per call, for the generated {@code withDeadline}.
     *
     * @throws IllegalArgumentException if {@code deadline} is not positive or longer than {@link #MAX_DEADLINE}
     */
    protected final RemoteReplica ingressWithDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new IllegalArgumentException("deadline must be positive and at most " + MAX_DEADLINE + ", was "
                    + deadline);
        }
        return ingress.withTimeout(deadline);
    }

    /** Starts a call of the ingress and returns at once; failures arrive through the response. */
    protected final <R> DeploymentResponse<R> callAsync(DeploymentMethod<R> method, Object[] args) {
        return ingress.call(method, args);
    }

    /**
     * Starts a call of a streaming method of the ingress; its items arrive as the ingress produces them,
     * all of them within the client's deadline.
     */
    protected final <R> dev.trellis.runtime.DeploymentStream<R> stream(DeploymentMethod<R> method, Object[] args) {
        return dev.trellis.runtime.DeploymentStream.of(ingress.call(method, args));
    }

    /**
     * Calls the ingress and waits for the answer. A thread interrupted while waiting cancels the call.
     *
     * @throws DeploymentException if the call failed, including by its deadline
     * @throws dev.trellis.runtime.BackPressureException if the ingress refused it for being full
     */
    protected final <R> R call(DeploymentMethod<R> method, Object[] args) {
        DeploymentResponse<R> response = ingress.call(method, args);
        try {
            return response.get(ingress.timeout().plus(BLOCKING_WAIT_SLACK));
        } catch (TimeoutException e) {
            throw new DeploymentException(ingress.deployment(), method + " did not answer before its deadline", e);
        } finally {
            response.cancel(); // no effect once answered; otherwise nobody waits for the call any more
        }
    }

    /** The deadline of each call this client makes. */
    public final Duration deadline() {
        return ingress.timeout();
    }

    /** Closes the connection, waiting a few seconds for calls in flight; copies share it. */
    @Override
    public void close() {
        ingress.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ingress.deployment() + ", deadline=" + deadline() + "]";
    }
}
