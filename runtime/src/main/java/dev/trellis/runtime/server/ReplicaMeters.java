package dev.trellis.runtime.server;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.control.ReplicaReport;
import dev.trellis.runtime.control.ReplicaStatus;
import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.MethodFigures;
import dev.trellis.runtime.stats.MethodRecorder;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every replica's own figures as meters of the controller's registry, so that one scrape of the
 * controller sees the whole application in every topology: each second it asks every running replica
 * for its report (a replica process answers over the control protocol, a replica in this JVM directly)
 * and records what changed. Per deployment, method and replica: calls by outcome, processing time and
 * queue wait as histograms; per replica: calls ongoing, and for a {@code @Multiplexed} deployment the
 * models held and their load times. A replica's meters stay while the controller knows it (a replica that
 * missed one report keeps its figures) and go when it does; what a stopping replica does after its last
 * report is not counted.
 */
final class ReplicaMeters implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(ReplicaMeters.class.getName());
    /** How often the replicas are asked; a scrape every few seconds sees figures at most this old. */
    static final Duration POLL = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final TrellisApplication application;
    private final Function<String[], List<Tag>> tags;
    private final ReentrantLock lock = new ReentrantLock(); // a poll, or the close
    private final Map<String, ReplicaSeries> replicas = new HashMap<>(); // guarded by lock
    /** The reports of the last poll, by deployment: what the batch counters read. */
    private volatile Map<String, List<ReplicaReport>> lastReports = Map.of();
    private final Thread poller;
    private volatile boolean closed;

    /** @param tags the application's tags followed by the given pairs */
    ReplicaMeters(MeterRegistry registry, TrellisApplication application, Function<String[], List<Tag>> tags) {
        this.registry = registry;
        this.application = application;
        this.tags = tags;
        this.poller = Thread.ofVirtual().name("trellis-replica-meters-" + application.name()).start(this::pollEvery);
    }

    private void pollEvery() {
        while (!closed) {
            try {
                poll();
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "The replicas' figures could not be read: " + e);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    /** Reads every replica's report once and brings its meters up to it. */
    void poll() {
        lock.lock();
        try {
            pollLocked();
        } finally {
            lock.unlock();
        }
    }

    private void pollLocked() {
        if (closed) {
            return;
        }
        // A replica keeps its series while the controller knows it (stopping ones too), even when it missed
        // a report: they go with it, not with one slow answer.
        Set<String> known = new HashSet<>();
        for (DeploymentStatus status : application.status().deployments()) {
            List<ReplicaStatus> all = new java.util.ArrayList<>(status.replicas());
            status.canary().ifPresent(canary -> all.addAll(canary.track().replicas()));
            all.forEach(replica -> known.add(status.name() + "\u0000" + replica.id()));
        }
        Map<String, List<ReplicaReport>> reports = new HashMap<>();
        for (DeploymentTarget deployment : application.target().deployments()) {
            boolean multiplexed = deployment.node().dispatcher().maxModelsPerReplica() > 0;
            Map<String, ReplicaReport> reported = application.replicaReports(deployment.name());
            reports.put(deployment.name(), List.copyOf(reported.values()));
            reported.forEach((id, report) -> {
                String key = deployment.name() + "\u0000" + id;
                known.add(key);
                replicas.computeIfAbsent(key, ignored -> new ReplicaSeries(deployment.name(), id, multiplexed))
                        .update(report);
            });
        }
        lastReports = Map.copyOf(reports);
        replicas.entrySet().removeIf(entry -> {
            if (known.contains(entry.getKey())) {
                return false;
            }
            SharedMeters.release(registry, entry.getValue());
            return true;
        });
    }

    /**
     * How many batches of {@code size} calls the {@code @Batch} method ran, over the replicas of the last poll
     * (a smaller target's replicas count none of a size they cannot run).
     */
    long batches(String deployment, String method, int size) {
        long total = 0;
        for (ReplicaReport report : lastReports.getOrDefault(deployment, List.of())) {
            long[] counted = report.batchSizes().get(method);
            total += counted != null && size < counted.length ? counted[size] : 0;
        }
        return total;
    }

    /** One replica's meters, and the figures already recorded into its timers. */
    private final class ReplicaSeries {
        private final String deployment;
        private final String replica;
        private final boolean multiplexed;
        private final Map<String, MethodFigures> recorded = new HashMap<>();
        private final Map<String, Timer> timers = new HashMap<>();
        private Histogram recordedLoads = Histogram.EMPTY;
        private volatile ReplicaReport last;

        ReplicaSeries(String deployment, String replica, boolean multiplexed) {
            this.deployment = deployment;
            this.replica = replica;
            this.multiplexed = multiplexed;
            SharedMeters.holdGauge(registry, this, "trellis_replica_ongoing_calls",
                    "Calls a replica runs or holds for a batch or a slot.", tags("deployment", deployment,
                            "replica", replica), () -> last == null ? 0 : last.ongoing());
            if (multiplexed) {
                SharedMeters.holdGauge(registry, this, "trellis_models_held",
                        "Models a replica of a @Multiplexed deployment holds, loaded or loading.",
                        tags("deployment", deployment, "replica", replica),
                        () -> last == null ? 0 : last.figures().modelsHeld());
            }
        }

        /** Records what changed, then shows the report: a scrape that sees its outcomes sees their times. */
        void update(ReplicaReport report) {
            report.figures().methods().forEach((method, figures) -> {
                MethodFigures before = recorded.get(method);
                if (before == null) {
                    register(method);
                    before = MethodFigures.NONE;
                }
                HistogramReplay.into(timer("trellis_replica_processing", method,
                        "Time a replica's method ran per call (a @Batch method's batch, for each call in it)."),
                        figures.processing().since(before.processing()));
                HistogramReplay.into(timer("trellis_replica_queue_wait", method,
                        "Time a call waited in the replica's router for a slot (and for its batch) before its method ran."),
                        figures.queueWait().since(before.queueWait()));
                recorded.put(method, figures);
            });
            if (multiplexed) {
                Histogram loads = report.figures().modelLoads();
                HistogramReplay.into(timer("trellis_model_load", "", "Time a replica took to load one model."),
                        loads.since(recordedLoads));
                recordedLoads = loads;
            }
            last = report;
        }

        private void register(String method) {
            for (MethodRecorder.Outcome outcome : MethodRecorder.Outcome.values()) {
                SharedMeters.holdFunctionalCounter(registry, this, "trellis_replica_calls",
                        "Calls a replica's method ended, by outcome.",
                        tags("deployment", deployment, "method", method, "replica", replica, "outcome", outcome.label()),
                        () -> {
                            ReplicaReport report = last;
                            MethodFigures figures = report == null ? null : report.figures().methods().get(method);
                            return figures == null ? 0 : figures.count(outcome);
                        });
            }
        }

        private Timer timer(String name, String method, String description) {
            return timers.computeIfAbsent(name + "\u0000" + method, key -> {
                List<Tag> tagged = method.isEmpty() ? tags("deployment", deployment, "replica", replica)
                        : tags("deployment", deployment, "method", method, "replica", replica);
                return SharedMeters.hold(registry, this, name, tagged, () -> Timer.builder(name)
                        .description(description)
                        .buckets(HistogramReplay.buckets())
                        .percentiles(new double[0]) // buckets only, as the ingress' latency
                        .tags(tagged));
            });
        }
    }

    private List<Tag> tags(String... pairs) {
        return tags.apply(pairs);
    }

    /** Stops asking, and lets go of every replica's meters. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        lock.lock(); // after a poll under way
        try {
            replicas.values().forEach(series -> SharedMeters.release(registry, series));
            replicas.clear();
        } finally {
            lock.unlock();
        }
    }
}
