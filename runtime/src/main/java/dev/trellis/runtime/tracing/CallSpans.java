package dev.trellis.runtime.tracing;

import io.helidon.logging.common.HelidonMdc;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * The spans of a replica's work: one per deployment call (deployment, method, replica, and at its end
 * the outcome), one per batch (its size, linked to the spans of the calls it joined), and while either
 * runs, the log's context: the trace id in the {@link HelidonMdc}, and where Trellis' log line reads
 * them per call ({@link LogFormat#namesCalls}) the deployment and replica.
 */
public final class CallSpans {

    /** The MDC keys the log format prints. */
    public static final String MDC_DEPLOYMENT = "trellis.deployment";
    public static final String MDC_REPLICA = "trellis.replica";
    public static final String MDC_TRACE = "trellis.trace";

    private CallSpans() {}

    /** Starts the span of one call of {@code deployment}'s {@code method} on {@code replica}, a child of {@code parent}. */
    public static Span startCall(Context parent, String deployment, String method, String replica) {
        if (!Tracing.recording() && !Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid(); // nothing to record and no trace to pass on: no name, no builder per call
        }
        return Tracing.tracer().spanBuilder(deployment + "." + method).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute(SpanAttributes.DEPLOYMENT, deployment).setAttribute(SpanAttributes.METHOD, method)
                .setAttribute(SpanAttributes.REPLICA, replica).startSpan();
    }

    /**
     * Starts the span of one batch: a child of its first call's span, linked to every call's.
     *
     * @param calls the spans of the calls in it, in order
     */
    public static Span startBatch(List<SpanContext> calls, String deployment, String method) {
        if (!Tracing.recording()) {
            // Nothing to record: the batch's own calls go on in its first call's trace, as they would under it.
            return Span.wrap(calls.getFirst());
        }
        var builder = Tracing.tracer().spanBuilder(deployment + "." + method + " batch")
                .setParent(Context.root().with(Span.wrap(calls.getFirst())))
                .setAttribute(SpanAttributes.DEPLOYMENT, deployment).setAttribute(SpanAttributes.METHOD, method)
                .setAttribute(SpanAttributes.BATCH_SIZE, (long) calls.size());
        calls.forEach(builder::addLink);
        return builder.startSpan();
    }

    /**
     * Ends {@code span} with {@code outcome} (the metrics' labels, or {@code refused}: the replica was
     * stopping and its router ran the call elsewhere); {@code error} and {@code timeout} mark it failed.
     */
    public static void end(Span span, String outcome) {
        span.setAttribute(SpanAttributes.OUTCOME, outcome);
        if (outcome.equals("error") || outcome.equals("timeout")) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }

    /**
     * Makes {@code span} current on this thread, in {@code parent}, with the log's context, until closed: the
     * calls the user's code makes are its children, and its log lines name it.
     */
    public static Scope enter(Context parent, Span span, String deployment, String replica) {
        boolean names = LogFormat.namesCalls();
        boolean traced = span.getSpanContext().isValid();
        if (!names && !traced) {
            return Scope.noop(); // no trace (none came, none is recorded) and nothing the log line reads
        }
        if (names) {
            HelidonMdc.set(MDC_DEPLOYMENT, deployment);
            HelidonMdc.set(MDC_REPLICA, replica);
        }
        Scope scope = traced ? parent.with(span).makeCurrent() : Scope.noop();
        if (traced) {
            HelidonMdc.set(MDC_TRACE, span.getSpanContext().getTraceId());
        }
        return () -> {
            if (names) {
                HelidonMdc.remove(MDC_DEPLOYMENT);
                HelidonMdc.remove(MDC_REPLICA);
            }
            if (traced) {
                HelidonMdc.remove(MDC_TRACE);
            }
            scope.close();
        };
    }
}
