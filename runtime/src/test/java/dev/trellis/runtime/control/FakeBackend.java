package dev.trellis.runtime.control;

import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.routing.Execution;
import dev.trellis.runtime.routing.ReplicaEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A backend whose replicas are scripted by the test: they start at once (or fail, or wait to be told),
 * answer health checks as the test says, hold every call they are given until the test finishes it, and
 * report their load. It logs what the controller asked of it, in order.
 */
final class FakeBackend implements ReplicaBackend {

    /** What a new replica does when started. */
    enum Start { AT_ONCE, FAIL, WAIT }

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<FakeReplica> replicas = new CopyOnWriteArrayList<>();
    volatile Function<ReplicaLaunch, Start> starts = launch -> Start.AT_ONCE;
    volatile Function<String, Optional<String>> health = id -> Optional.empty();
    /** Whether it says a cluster places its replicas, as the Kubernetes backend does. */
    volatile boolean clusterPlaces;

    @Override
    public boolean clusterPlacesReplicas() {
        return clusterPlaces;
    }

    @Override
    public BackendReplica start(ReplicaLaunch launch, ReplicaEvents events) {
        FakeReplica replica = new FakeReplica(launch, events);
        replicas.add(replica);
        log.add("start " + launch.replicaId());
        switch (starts.apply(launch)) {
            case AT_ONCE -> replica.reportStarted();
            case FAIL -> events.failed("its constructor threw IllegalStateException: scripted", new IllegalStateException(
                    "scripted"));
            case WAIT -> { }
        }
        return replica;
    }

    @Override
    public void membersChanged(String deployment, Membership members) {
        log.add("members " + deployment + " " + members.replicas().stream().map(BackendReplica::id).toList()
                + (members.canaries().isEmpty() && members.canaryPercent() == 0 ? ""
                        : " canary " + members.canaries().stream().sorted().toList() + " " + members.canaryPercent() + "%"));
    }

    @Override
    public void close() {
        log.add("close");
    }

    /** The replica started with this id. */
    FakeReplica replica(String id) {
        return replicas.stream().filter(replica -> replica.launch.replicaId().equals(id)).findFirst().orElseThrow();
    }

    /** How many load reports the controller asked each replica for, by replica id. */
    final Map<String, Integer> reports = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the log says of starts and stops only. */
    List<String> lifecycle() {
        return log.stream().filter(line -> line.startsWith("start ") || line.startsWith("stop ")).toList();
    }

    /** One scripted replica. */
    final class FakeReplica implements BackendReplica {

        final ReplicaLaunch launch;
        final ReplicaEvents events;
        final HeldCalls calls = new HeldCalls();
        volatile boolean stopped;

        FakeReplica(ReplicaLaunch launch, ReplicaEvents events) {
            this.launch = launch;
            this.events = events;
        }

        void reportStarted() {
            events.started(new ReplicaEndpoint.InProcess(calls));
        }

        @Override
        public String id() {
            return launch.replicaId();
        }

        @Override
        public CompletionStage<Optional<String>> checkHealth(Duration timeout) {
            log.add("check " + id());
            return CompletableFuture.completedFuture(health.apply(id()));
        }

        @Override
        public CompletionStage<Optional<ReplicaReport>> report() {
            reports.merge(id(), 1, Integer::sum);
            return CompletableFuture.completedFuture(Optional.of(new ReplicaReport(calls.ongoing(), Map.of(), Map.of(),
                    dev.trellis.runtime.stats.ReplicaFigures.NONE)));
        }

        @Override
        public CompletionStage<Void> stop(Duration grace) {
            if (!stopped) {
                stopped = true;
                log.add("stop " + id());
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    /** An execution that keeps every call until the test finishes it. */
    static final class HeldCalls implements Execution {

        private final List<Call<?>> held = new ArrayList<>();
        private final List<Runnable> done = new ArrayList<>();

        @Override
        public synchronized boolean execute(Call<?> call, Runnable finished) {
            held.add(call);
            done.add(finished);
            return true;
        }

        synchronized int ongoing() {
            return held.size();
        }

        /** Answers every held call with {@code value}. */
        void finishAll(Object value) {
            List<Call<?>> calls;
            List<Runnable> finished;
            synchronized (this) {
                calls = List.copyOf(held);
                finished = List.copyOf(done);
                held.clear();
                done.clear();
            }
            calls.forEach(call -> call.complete(value));
            finished.forEach(Runnable::run);
        }

        @Override
        public void shutdown() {}

        @Override
        public boolean awaitTermination(long deadlineNanos) {
            return true;
        }
    }
}
