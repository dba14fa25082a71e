package dev.trellis.runtime.stats;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.flow.ItemBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/** Counts one method's calls in one replica, for its {@link MethodFigures}; many threads record at once. */
public final class MethodRecorder {

    /** How a call ended, as the replica counts it. */
    public enum Outcome {
        OK("ok"), FAILED("error"), REFUSED("user_error"), TIMED_OUT("timeout"), CANCELLED("cancelled");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** Its name in metrics and spans. */
        public String label() {
            return label;
        }
    }

    private final LatencyHistogram processing = new LatencyHistogram();
    private final LatencyHistogram queueWait = new LatencyHistogram();
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder cancelled = new LongAdder();

    /** The method's code ran {@code nanos} for each of {@code calls} calls (one, or a batch's). */
    public void processed(long nanos, int calls) {
        processing.record(nanos, calls);
    }

    /** A call's method started {@code nanos} after the call reached its router. */
    public void waited(long nanos) {
        queueWait.record(nanos);
    }

    /** A call ended so. */
    public void finished(Outcome outcome) {
        switch (outcome) {
            case OK -> ok.increment();
            case FAILED -> failed.increment();
            case REFUSED -> refused.increment();
            case TIMED_OUT -> timedOut.increment();
            case CANCELLED -> cancelled.increment();
        }
    }

    /**
     * How a call whose result is {@code result} ended; one not over yet counts as failed. A streaming call
     * is answered with its items' buffer before its first item: it ended as its stream did.
     */
    public static Outcome outcomeOf(CompletableFuture<?> result) {
        return switch (result.state()) {
            case SUCCESS -> result.resultNow() instanceof ItemBuffer<?> items ? outcomeOf(items) : Outcome.OK;
            case CANCELLED -> Outcome.CANCELLED;
            case FAILED -> ofFailure(result.exceptionNow());
            case RUNNING -> Outcome.FAILED;
        };
    }

    private static Outcome outcomeOf(ItemBuffer<?> items) {
        return items.failure().map(MethodRecorder::ofFailure)
                .orElse(items.isCancelled() ? Outcome.CANCELLED : Outcome.OK);
    }

    /** How a call that failed with {@code failure} ended. */
    public static Outcome ofFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof DeploymentTimeoutException) {
            return Outcome.TIMED_OUT;
        }
        if (cause instanceof IllegalArgumentException
                || cause instanceof DeploymentException deployment && deployment.refusedArguments().isPresent()) {
            return Outcome.REFUSED;
        }
        return cause instanceof CancellationException ? Outcome.CANCELLED : Outcome.FAILED;
    }

    /**
     * What it counted so far. The outcomes are read first: a call's times are counted before its outcome, so
     * a reader that saw a call's outcome sees its times too.
     */
    public MethodFigures figures() {
        long okCalls = ok.sum();
        long failedCalls = failed.sum();
        long refusedCalls = refused.sum();
        long timedOutCalls = timedOut.sum();
        long cancelledCalls = cancelled.sum();
        return new MethodFigures(processing.snapshot(), queueWait.snapshot(), okCalls, failedCalls, refusedCalls, timedOutCalls,
                cancelledCalls);
    }
}
