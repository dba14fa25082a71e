package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.control.ReplicaState;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's meters in Helidon's registry, which {@code /observe/metrics} serves in Prometheus'
 * text format (names in {@code docs/observability.md}): requests at the ingress by method, route and
 * outcome and their latency, calls queued per deployment, replicas per deployment and state, the replicas
 * the controller wants, and batches per {@code @Batch} method and size (replica processes report theirs to
 * the controller, so one scrape of the controller sees every topology's). Every meter carries the
 * application's name; servers of one name in one JVM share them ({@link SharedMeters}); {@link #close}
 * lets go of them.
 */
final class ApplicationMetrics implements AutoCloseable {

    /** A scrape reads many meters; they share one status at most this old. */
    private static final long REUSE_NANOS = Duration.ofMillis(200).toNanos();

    private record Reading<T>(T value, long nanos) {}

    private final MeterRegistry registry;
    private final TrellisApplication application;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private volatile Reading<ApplicationStatus> status;
    private volatile boolean closed;
    private volatile ReplicaMeters replicaMeters;

    ApplicationMetrics(MeterRegistry registry, TrellisApplication application) {
        this.registry = registry;
        this.application = application;
        try {
            for (DeploymentTarget deployment : application.target().deployments()) {
                register(deployment);
            }
            replicaMeters = new ReplicaMeters(registry, application, this::tags);
        } catch (RuntimeException | Error e) {
            close(); // what was registered before goes with it
            throw e;
        }
    }

    private void register(DeploymentTarget deployment) {
        String name = deployment.name();
        SharedMeters.holdGauge(registry, this, "trellis_queued_calls",
                "Calls waiting for a replica of the deployment with room.", tags("deployment", name),
                () -> closed ? 0 : application.queuedCalls(name));
        for (ReplicaState state : ReplicaState.values()) {
            SharedMeters.holdGauge(registry, this, "trellis_replicas", "Replicas of the deployment, by state.",
                    tags("deployment", name, "state", state.name().toLowerCase(Locale.ROOT)),
                    () -> replicas(name, state));
        }
        SharedMeters.holdGauge(registry, this, "trellis_desired_replicas",
                "Replicas the controller (its autoscaler) wants the deployment to have.", tags("deployment", name),
                () -> desired(name));
        SharedMeters.holdGauge(registry, this, "trellis_update_progress_ratio",
                "1 less the share of the deployment's target replicas still on an earlier version: 1 when no update is under way.",
                tags("deployment", name), () -> updateProgress(name));
        SharedMeters.holdGauge(registry, this, "trellis_canary_traffic_ratio",
                "Share of the deployment's calls its canary takes now: 0 without one.", tags("deployment", name),
                () -> deploymentStatus(name).flatMap(DeploymentStatus::canary)
                        .map(canary -> canary.servingPercent() / 100).orElse(0.0));
        for (DeploymentMethod<?> method : deployment.methods()) {
            if (method.batched()) {
                int largest = application.largestBatch(name, method.name());
                for (int size = 1; size <= largest; size++) {
                    int counted = size;
                    SharedMeters.holdFunctionalCounter(registry, this, "trellis_batches",
                            "Batches a @Batch method ran, by the number of calls in them.",
                            tags("deployment", name, "method", method.name(), "size", String.valueOf(size)),
                            () -> batches(name, method.name(), counted));
                }
            }
        }
    }

    /** Counts one request at the ingress with its outcome, and its time; nothing once closed. */
    void requestFinished(String method, String route, String outcome, Duration took) {
        if (closed) {
            return; // a request that outlived the server's grace: its meters are gone with it
        }
        // The meters are found by a string per request; their tags are built only the first time.
        requests.computeIfAbsent(method + " " + route + " " + outcome, key -> {
            List<Tag> tags = tags("method", method, "route", route, "outcome", outcome);
            return SharedMeters.hold(registry, this, "trellis_requests", tags, () -> Counter.builder("trellis_requests")
                    .description("Requests at the ingress, by method, route and outcome.").tags(tags));
        }).increment();
        latencies.computeIfAbsent(method + " " + route, key -> {
            List<Tag> tags = tags("method", method, "route", route);
            return SharedMeters.hold(registry, this, "trellis_request_duration", tags, () ->
                    Timer.builder("trellis_request_duration")
                            .description("Time from a request's arrival at the ingress to its answer.")
                            .buckets(HistogramReplay.buckets())
                            .percentiles(new double[0]) // buckets only: quantiles in a histogram are not Prometheus'
                            .tags(tags));
        }).record(took);
    }

    /** From the reports the replica meters read each second: a scrape asks no replica anything itself. */
    private double batches(String deployment, String method, int size) {
        ReplicaMeters meters = replicaMeters;
        return closed || meters == null ? 0 : meters.batches(deployment, method, size);
    }

    private double replicas(String deployment, ReplicaState state) {
        return deploymentStatus(deployment).map(found -> found.replicas().stream()
                .filter(replica -> replica.state() == state).count()).orElse(0L);
    }

    private double desired(String deployment) {
        return deploymentStatus(deployment).map(DeploymentStatus::desiredReplicas).orElse(0);
    }

    /** 1 less the share of the target still on an earlier version: a scale-up or a replacement is no update. */
    private double updateProgress(String deployment) {
        return deploymentStatus(deployment).map(status -> {
            if (status.version().isEmpty() || status.targetReplicas() == 0) {
                return 1.0;
            }
            long outdated = status.replicas().stream().filter(replica -> replica.state() != ReplicaState.STOPPING
                    && !replica.version().equals(status.version())).count();
            return Math.max(0.0, 1.0 - (double) outdated / status.targetReplicas());
        }).orElse(1.0);
    }

    /** The replicas' meters; for tests, which poll them by hand. */
    ReplicaMeters replicaMeters() {
        return replicaMeters;
    }

    private Optional<DeploymentStatus> deploymentStatus(String deployment) {
        if (closed) {
            return Optional.empty();
        }
        Reading<ApplicationStatus> reading = status;
        if (reading == null || System.nanoTime() - reading.nanos() > REUSE_NANOS) {
            reading = new Reading<>(application.status(), System.nanoTime());
            status = reading;
        }
        return reading.value().deployments().stream().filter(candidate -> candidate.name().equals(deployment))
                .findFirst();
    }

    private List<Tag> tags(String... pairs) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.create("application", application.name()));
        for (int i = 0; i < pairs.length; i += 2) {
            tags.add(Tag.create(pairs[i], pairs[i + 1]));
        }
        return tags;
    }

    @Override
    public void close() {
        closed = true;
        if (replicaMeters != null) {
            replicaMeters.close();
        }
        SharedMeters.release(registry, this);
    }
}
