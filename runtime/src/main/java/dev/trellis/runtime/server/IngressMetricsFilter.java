package dev.trellis.runtime.server;

import dev.trellis.runtime.tracing.RequestSpans;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Times every request to an ingress route, counts it by its outcome ({@link RequestOutcome}) and traces it
 * (its span, the client's trace continued, is current while the handler calls the ingress deployment);
 * the server's own paths (health, status, metrics) are not the application's traffic and are left out.
 */
final class IngressMetricsFilter implements Filter {

    private final Map<String, Set<String>> verbsByPath;
    private final ApplicationMetrics metrics;

    /** @param verbsByPath the methods each ingress path declares: any other a client sends counts as {@code other} */
    IngressMetricsFilter(Map<String, ? extends Collection<String>> verbsByPath, ApplicationMetrics metrics) {
        this.verbsByPath = new HashMap<>();
        verbsByPath.forEach((path, verbs) -> this.verbsByPath.put(path, Set.copyOf(verbs)));
        this.metrics = metrics;
    }

    @Override
    @SuppressWarnings("try") // the trace scope is held, not read
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        Set<String> verbs = verbsByPath.get(path);
        if (verbs == null) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        String sent = request.prologue().method().text();
        // A client's made-up method must not make a series of its own.
        String method = verbs.contains(sent) ? sent : "other";
        Span span = RequestSpans.start(request.headers(), method, path);
        try (Scope trace = RequestSpans.enter(span)) {
            chain.proceed();
        } finally {
            RequestOutcome outcome = request.context().get(RequestOutcome.class)
                    .orElseGet(() -> RequestOutcome.of(response.status().code()));
            RequestSpans.end(span, response.status().code(), outcome.label());
            metrics.requestFinished(method, path, outcome.label(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
