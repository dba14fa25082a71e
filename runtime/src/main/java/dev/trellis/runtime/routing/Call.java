package dev.trellis.runtime.routing;

import dev.trellis.runtime.DeploymentMethod;
import java.util.concurrent.CompletableFuture;

/**
 * One call on its way through a router: what to run and the future its caller holds. The caller may
 * cancel the future at any time; the router and the replica observe that instead of being told.
 *
 * @param <R> the method's result type
 */
public final class Call<R> {

    private final DeploymentMethod<R> method;
    private final Object[] args;
    private final long deadlineNanos;
    private final String modelId;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private int attempts = 1; // only the router that owns the call changes it, one retry at a time

    /** How often a call is sent before a router gives up on reaching a replica. */
    public static final int MAX_ATTEMPTS = 20;

    /**
     * How often an idempotent call runs again after the replica running it went away. Few: a call whose
     * input kills the process (a native crash) must not take down every replica in turn.
     */
    static final int MAX_RERUNS_AFTER_LOSS = 2;

    private int losses; // only the router that owns the call changes it
    /** When it first reached a router, on that router's ticker; {@link #NOT_ARRIVED} before. */
    private volatile long arrivedNanos = NOT_ARRIVED;

    /** The trace the call belongs to: the span of the code that made it. */
    private volatile io.opentelemetry.context.Context traceContext = io.opentelemetry.context.Context.root();

    /** {@link #arrivedNanos()} of a call that no router took yet. */
    public static final long NOT_ARRIVED = Long.MIN_VALUE;

    public Call(DeploymentMethod<R> method, Object[] args) {
        this(method, args, dev.trellis.runtime.CallContext.NO_DEADLINE);
    }

    /** @param deadlineNanos when the call must be done by, a value of its router's ticker */
    public Call(DeploymentMethod<R> method, Object[] args, long deadlineNanos) {
        this(method, args, deadlineNanos, null);
    }

    /** @param modelId the model the call is addressed to, for a multiplexed deployment; {@code null} for none */
    public Call(DeploymentMethod<R> method, Object[] args, long deadlineNanos, String modelId) {
        this.method = method;
        this.args = args;
        this.deadlineNanos = deadlineNanos;
        this.modelId = modelId;
    }

    /**
     * When the call first reached a router, a value of that router's ticker (a rerun keeps it), for the
     * time it waits before its method starts; {@link #NOT_ARRIVED} before.
     */
    public long arrivedNanos() {
        return arrivedNanos;
    }

    /** The trace context of the code that made the call: its replica's span is a child of it. */
    public io.opentelemetry.context.Context traceContext() {
        return traceContext;
    }

    void madeIn(io.opentelemetry.context.Context context) {
        traceContext = context;
    }

    void arrived(long nanos) {
        if (arrivedNanos == NOT_ARRIVED) {
            arrivedNanos = nanos;
        }
    }

    /** The model the call is addressed to, or {@code null}. */
    public String modelId() {
        return modelId;
    }

    /** The call's deadline, {@link dev.trellis.runtime.CallContext#NO_DEADLINE} without one. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    public DeploymentMethod<R> method() {
        return method;
    }

    public Object[] args() {
        return args;
    }

    public CompletableFuture<R> result() {
        return result;
    }

    /** Counts one more attempt to reach a replica and returns how many there have been before it. */
    int nextAttempt() {
        return attempts++;
    }

    /** Counts one more loss of the replica running the call; whether it may run again after it. */
    boolean rerunAfterLoss() {
        return ++losses <= MAX_RERUNS_AFTER_LOSS;
    }

    /** Whether the call has finished or was cancelled; a done call must not reach user code. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Completes the call with what the dispatcher returned. The cast cannot fail at run time (erasure)
     * and is right by construction: the generated dispatcher returns, for the method's index, the
     * value of the very method whose {@link DeploymentMethod} constant is typed {@code R}.
     */
    @SuppressWarnings("unchecked")
    public boolean complete(Object value) {
        return result.complete((R) value);
    }

    public void fail(Throwable failure) {
        result.completeExceptionally(failure);
    }

    /**
     * Fails the call at its deadline: a call not answered yet fails, and a streaming call whose items are
     * still coming is aborted, which stops its producer.
     */
    public void expire(RuntimeException late) {
        if (!result.completeExceptionally(late) && method.streaming()) {
            result.thenAccept(items -> ((dev.trellis.runtime.flow.ItemBuffer<?>) items).abort(late));
        }
    }

    /**
     * Runs {@code action} once the call is over: when it is answered, or for a streaming call, when its
     * stream has ended. Must not block.
     */
    public void whenOver(Runnable action) {
        result.whenComplete((value, failure) -> {
            if (failure == null && method.streaming()) {
                ((dev.trellis.runtime.flow.ItemBuffer<?>) value).whenEnded(action);
            } else {
                action.run();
            }
        });
    }

    @Override
    public String toString() {
        return "Call[" + method + (result.isDone() ? ", done]" : "]");
    }
}
