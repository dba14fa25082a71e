package dev.trellis.runtime.topology.local;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.control.BackendReplica;
import dev.trellis.runtime.control.ReplicaBackend;
import dev.trellis.runtime.control.ReplicaEvents;
import dev.trellis.runtime.control.ReplicaLaunch;
import dev.trellis.runtime.control.ReplicaReport;
import dev.trellis.runtime.replica.ReplicaInstance;
import dev.trellis.runtime.routing.ReplicaEndpoint;
import dev.trellis.runtime.time.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code local} topology: every replica is an instance in this JVM, built on a virtual thread of
 * its own (a constructor may load a model for seconds) and reached by this JVM's routers directly, with
 * objects passed by reference.
 */
public final class LocalBackend implements ReplicaBackend {

    private final Ticker ticker;

    /** @param ticker the controller's clock, which the replicas' deadlines and batches follow */
    public LocalBackend(Ticker ticker) {
        this.ticker = ticker;
    }

    public LocalBackend() {
        this(Ticker.system());
    }

    @Override
    public boolean reconfiguresInPlace() {
        return true;
    }

    @Override
    public BackendReplica start(ReplicaLaunch launch, ReplicaEvents events) {
        LocalReplica replica = new LocalReplica(launch.replicaId());
        Thread.ofVirtual().name("trellis-build-" + launch.replicaId()).start(() -> replica.build(launch, events));
        return replica;
    }

    @Override
    public void close() {
        // nothing is held beyond the replicas, which the controller stopped
    }

    /** One replica in this JVM: its instance once built. */
    private final class LocalReplica implements BackendReplica {

        private final String id;
        private final CompletableFuture<ReplicaInstance<?>> built = new CompletableFuture<>();
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        private volatile boolean stopping;

        LocalReplica(String id) {
            this.id = id;
        }

        void build(ReplicaLaunch launch, ReplicaEvents events) {
            ReplicaInstance<?> instance;
            try {
                instance = ReplicaInstance.build(launch.deployment(), launch.replicaId(), launch.channels(),
                        launch.gpuDevice(), ticker);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                built.completeExceptionally(e);
                events.failed("its constructor threw " + DeploymentException.describe(e), e);
                return;
            }
            built.complete(instance);
            if (stopping) {
                return; // stop() closes it
            }
            events.started(new ReplicaEndpoint.InProcess(instance.execution()));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public CompletionStage<Optional<String>> checkHealth(Duration timeout) {
            ReplicaInstance<?> instance = built.getNow(null);
            return instance == null ? CompletableFuture.completedFuture(Optional.of("it has not started"))
                    : instance.checkHealth(timeout);
        }

        @Override
        public CompletionStage<Optional<String>> reconfigure(Map<String, Object> config) {
            ReplicaInstance<?> instance = built.getNow(null);
            if (instance == null || stopping) {
                return CompletableFuture.completedFuture(Optional.of("it is not running"));
            }
            // The user's method may block: a thread of its own, never the controller's.
            CompletableFuture<Optional<String>> done = new CompletableFuture<>();
            Thread.ofVirtual().name("trellis-reconfigure-" + id).start(() -> {
                try {
                    done.complete(instance.reconfigure(config));
                } finally {
                    done.complete(Optional.of("its @Reconfigure method did not return"));
                }
            });
            return done;
        }

        @Override
        public CompletionStage<Optional<ReplicaReport>> report() {
            ReplicaInstance<?> instance = built.getNow(null);
            return CompletableFuture.completedFuture(instance == null ? Optional.empty()
                    : Optional.of(new ReplicaReport(instance.ongoing(), Map.of(), instance.batchSizes(),
                            instance.figures())));
        }

        @Override
        public synchronized CompletionStage<Void> stop(Duration grace) {
            if (!stopping) {
                stopping = true;
                long deadline = ticker.deadlineAfter(grace);
                built.whenComplete((instance, failure) -> {
                    if (instance == null) {
                        stopped.complete(null);
                        return;
                    }
                    Thread.ofVirtual().name("trellis-stop-" + id).start(() -> {
                        try {
                            instance.stop(deadline);
                        } finally {
                            stopped.complete(null);
                        }
                    });
                });
            }
            return stopped;
        }
    }
}
