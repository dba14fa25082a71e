package dev.trellis.runtime.tracing;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.logging.common.HelidonMdc;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;

/**
 * The span of one HTTP request at the ingress: a child of the client's trace when its request carries
 * W3C {@code traceparent} (and {@code tracestate}), a new trace otherwise; named and labelled by
 * OpenTelemetry's HTTP conventions, with Trellis' outcome.
 */
public final class RequestSpans {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> names = new ArrayList<>();
            headers.forEach(header -> names.add(header.name()));
            return names;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            HeaderName name = HeaderNames.create(key);
            return headers.first(name).orElse(null);
        }
    };

    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");

    private RequestSpans() {}

    /** Starts the span of a request with {@code headers} to {@code route} with {@code method}. */
    public static Span start(Headers headers, String method, String route) {
        if (!Tracing.recording() && !headers.contains(TRACEPARENT)) {
            return Span.getInvalid(); // nothing to record and no trace to pass on
        }
        Context parent = Tracing.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(Context.root(), headers, HEADERS);
        return Tracing.tracer().spanBuilder(method + " " + route).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(METHOD, method).setAttribute(ROUTE, route).startSpan();
    }

    /** Makes the request's span current on its thread, with its trace id in the log's context, until closed. */
    public static Scope enter(Span span) {
        if (!span.getSpanContext().isValid()) {
            return Scope.noop(); // no trace: nothing to make current, nothing to log
        }
        Scope scope = span.makeCurrent();
        HelidonMdc.set(CallSpans.MDC_TRACE, span.getSpanContext().getTraceId());
        return () -> {
            HelidonMdc.remove(CallSpans.MDC_TRACE);
            scope.close();
        };
    }

    /** Ends the span with the answer's status and Trellis' outcome; a server error marks it failed. */
    public static void end(Span span, int status, String outcome) {
        span.setAttribute(STATUS, (long) status).setAttribute(SpanAttributes.OUTCOME, outcome);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }
}
