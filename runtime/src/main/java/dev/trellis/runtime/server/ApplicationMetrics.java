package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.control.ReplicaState;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's meters in Helidon's registry, which {@code /observe/metrics} serves in Prometheus'
 * text format (names in {@code docs/observability.md}): requests at the ingress by route and outcome and
 * their latency, calls queued per deployment, replicas per deployment and state, the replicas the
 * controller wants, and batches per {@code @Batch} method and size (replica processes report theirs to
 * the controller, so one scrape of the controller sees every topology's). Every meter carries the
 * application's name; {@link #close} removes them, so that a stopped application leaves nothing behind.
 */
final class ApplicationMetrics implements AutoCloseable {

    /** Latency buckets from 1 ms to 30 s: small pre-processing calls to a cold model's first answer. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};
    /** A scrape reads many gauges; they share one status at most this old. */
    private static final long STATUS_REUSE_NANOS = Duration.ofMillis(200).toNanos();

    private final MeterRegistry registry;
    private final TrellisApplication application;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private volatile ApplicationStatus status;
    private volatile long statusNanos;

    ApplicationMetrics(MeterRegistry registry, TrellisApplication application) {
        this.registry = registry;
        this.application = application;
        for (DeploymentTarget deployment : application.target().deployments()) {
            String name = deployment.name();
            add(Gauge.builder("trellis_queued_calls", () -> application.queuedCalls(name))
                    .description("Calls waiting for a replica of the deployment with room.")
                    .tags(tags("deployment", name)));
            for (ReplicaState state : ReplicaState.values()) {
                add(Gauge.builder("trellis_replicas", () -> replicas(name, state))
                        .description("Replicas of the deployment, by state.")
                        .tags(tags("deployment", name, "state", state.name().toLowerCase(java.util.Locale.ROOT))));
            }
            add(Gauge.builder("trellis_desired_replicas", () -> desired(name))
                    .description("Replicas the controller (its autoscaler) wants the deployment to have.")
                    .tags(tags("deployment", name)));
            for (DeploymentMethod<?> method : deployment.methods()) {
                if (method.batched()) {
                    int largest = application.batchSizes(name, method.name()).length - 1;
                    for (int size = 1; size <= largest; size++) {
                        int counted = size;
                        add(FunctionalCounter.builder("trellis_batches", application,
                                        app -> app.batchSizes(name, method.name())[counted])
                                .description("Batches a @Batch method ran, by the number of calls in them.")
                                .tags(tags("deployment", name, "method", method.name(), "size", String.valueOf(size))));
                    }
                }
            }
        }
    }

    /** Counts one request at the ingress route {@code route} with its outcome, and its time. */
    void requestFinished(String route, String outcome, Duration took) {
        requests.computeIfAbsent(route + " " + outcome, key -> add(Counter.builder("trellis_requests")
                .description("Requests at the ingress, by route and outcome.")
                .tags(tags("route", route, "outcome", outcome)))).increment();
        latencies.computeIfAbsent(route, key -> add(Timer.builder("trellis_request_duration")
                .description("Time from a request's arrival at the ingress to its answer.")
                .buckets(LATENCY_BUCKETS)
                .percentiles(new double[0]) // buckets only: quantiles in a histogram are not Prometheus' format (promtool)
                .tags(tags("route", route)))).record(took);
    }

    private double replicas(String deployment, ReplicaState state) {
        return deploymentStatus(deployment).map(found -> found.replicas().stream()
                .filter(replica -> replica.state() == state).count()).orElse(0L);
    }

    private double desired(String deployment) {
        return deploymentStatus(deployment).map(DeploymentStatus::desiredReplicas).orElse(0);
    }

    private java.util.Optional<DeploymentStatus> deploymentStatus(String deployment) {
        ApplicationStatus now = status;
        if (now == null || System.nanoTime() - statusNanos > STATUS_REUSE_NANOS) {
            now = application.status();
            status = now;
            statusNanos = System.nanoTime();
        }
        return now.deployments().stream().filter(candidate -> candidate.name().equals(deployment)).findFirst();
    }

    private List<Tag> tags(String... pairs) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.create("application", application.name()));
        for (int i = 0; i < pairs.length; i += 2) {
            tags.add(Tag.create(pairs[i], pairs[i + 1]));
        }
        return tags;
    }

    private synchronized <M extends Meter, B extends Meter.Builder<B, M>> M add(B builder) {
        M meter = registry.getOrCreate(builder);
        meters.add(meter);
        return meter;
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
