package dev.trellis.runtime.server;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Times every request to an ingress route and counts it by its outcome ({@link RequestOutcome});
 * the server's own paths (health, status, metrics) are not the application's traffic and are left out.
 */
final class IngressMetricsFilter implements Filter {

    private final Set<String> ingressPaths;
    private final ApplicationMetrics metrics;

    IngressMetricsFilter(Set<String> ingressPaths, ApplicationMetrics metrics) {
        this.ingressPaths = Set.copyOf(ingressPaths);
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (!ingressPaths.contains(path)) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            RequestOutcome outcome = request.context().get(RequestOutcome.class)
                    .orElseGet(() -> RequestOutcome.of(response.status().code()));
            metrics.requestFinished(request.prologue().method().text() + " " + path, outcome.label(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
