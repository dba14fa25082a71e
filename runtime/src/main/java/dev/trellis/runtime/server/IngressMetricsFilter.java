package dev.trellis.runtime.server;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Times every request to an ingress route and counts it by its outcome ({@link RequestOutcome});
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
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        Set<String> verbs = verbsByPath.get(path);
        if (verbs == null) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            RequestOutcome outcome = request.context().get(RequestOutcome.class)
                    .orElseGet(() -> RequestOutcome.of(response.status().code()));
            String method = request.prologue().method().text();
            // A client's made-up method must not make a series of its own.
            metrics.requestFinished(verbs.contains(method) ? method : "other", path, outcome.label(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
