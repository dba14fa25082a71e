package dev.trellis.runtime;

import dev.trellis.runtime.time.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a call carries down to the calls made on its behalf: its deadline, and the responses of those
 * calls, so that cancelling it (or its deadline passing) cancels them, and only them. The runtime binds
 * one to the thread that runs a call; handle calls made on that thread pick it up, whichever topology
 * the replicas run in. A call made outside any context has no deadline.
 */
public final class CallContext {

    /** No deadline: the clock never reaches it in practice. */
    public static final long NO_DEADLINE = Ticker.NO_DEADLINE;

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final Ticker ticker;
    private final Set<DeploymentResponse<?>> children = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> cancelActions = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    private CallContext(long deadlineNanos, Ticker ticker) {
        this.deadlineNanos = deadlineNanos;
        this.ticker = ticker;
    }

    /** A context whose deadline is {@code timeout} from now. */
    public static CallContext withTimeout(Duration timeout) {
        return withTimeout(timeout, Ticker.system());
    }

    /** A context whose deadline is {@code timeout} from now on {@code ticker}'s clock. */
    public static CallContext withTimeout(Duration timeout, Ticker ticker) {
        return new CallContext(ticker.deadlineAfter(timeout), ticker);
    }

    /** A context with the deadline {@code deadlineNanos}, a value of the system's clock. */
    public static CallContext withDeadline(long deadlineNanos) {
        return withDeadline(deadlineNanos, Ticker.system());
    }

    /** A context with the deadline {@code deadlineNanos}, a value of {@code ticker}'s clock. */
    public static CallContext withDeadline(long deadlineNanos, Ticker ticker) {
        return new CallContext(deadlineNanos, java.util.Objects.requireNonNull(ticker, "ticker"));
    }

    /** The context of the call running on this thread, if any. */
    public static Optional<CallContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The deadline of the call running on this thread, or {@link #NO_DEADLINE}. */
    public static long currentDeadline() {
        CallContext current = CURRENT.get();
        return current == null ? NO_DEADLINE : current.deadlineNanos;
    }

    /** Runs {@code body} with this context bound to the thread, as the calls it makes will see it. */
    public <T> T run(Supplier<T> body) {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Like {@link #run}, for a body that may throw anything, as user code does. */
    public <T> T call(Body<T> body) throws Throwable {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Code that runs in a context and may throw.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Body<T> {
        T get() throws Throwable;
    }

    /** The deadline, a value of the context's clock ({@link System#nanoTime()} outside tests), or {@link #NO_DEADLINE}. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** The time left before the deadline; empty without one. Zero or negative once it has passed. */
    public Optional<Duration> remaining() {
        return deadlineNanos == NO_DEADLINE ? Optional.empty()
                : Optional.of(Duration.ofNanos(ticker.nanosUntil(deadlineNanos)));
    }

    /**
     * Remembers a call made on this context's behalf, to cancel it with the context. A call made after the
     * context was cancelled is cancelled at once.
     */
    public void register(DeploymentResponse<?> child) {
        children.add(child);
        child.onCompletion((value, failure) -> children.remove(child));
        if (cancelled) {
            child.cancel();
        }
    }

    /** Cancels every call made on this context's behalf that is still running, and the work registered with {@link #onCancel}. */
    public void cancel() {
        cancelled = true;
        for (DeploymentResponse<?> child : children) {
            child.cancel();
        }
        for (Runnable action : cancelActions) {
            action.run();
        }
    }

    /**
     * Runs {@code action} if the context is cancelled (its call cancelled, or past its deadline), at once
     * if it already was: how work that an interrupt cannot stop, such as a native model run, stops early.
     *
     * @return removes the action again, once the work it stops is over
     */
    public Runnable onCancel(Runnable action) {
        cancelActions.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> cancelActions.remove(action);
    }
}
