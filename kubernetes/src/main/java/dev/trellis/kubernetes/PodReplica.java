package dev.trellis.kubernetes;

import dev.trellis.runtime.control.BackendReplica;
import dev.trellis.runtime.control.ReplicaEvents;
import dev.trellis.runtime.control.ReplicaLaunch;
import dev.trellis.runtime.control.ReplicaReport;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.grpc.Member;
import dev.trellis.runtime.grpc.RemoteReplica;
import dev.trellis.runtime.grpc.ReplicaControl;
import dev.trellis.runtime.routing.ReplicaEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One replica of the {@code kubernetes} topology: the pod it holds (once one is ready) and its lines to
 * it, the control protocol and the deployment's calls, at the pod's address.
 */
final class PodReplica implements BackendReplica {

    private static final System.Logger LOGGER = System.getLogger(PodReplica.class.getName());

    /** The deadline of a call made outside any request. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesBackend backend;
    final ReplicaLaunch launch;
    final String object;
    private final ReplicaEvents events;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final Object announcing = new Object(); // one announcement at a time to this replica

    // Guarded by this.
    private String pod;
    private String address;
    private int port;
    private int restarts;
    private boolean started;
    private boolean stopping;
    private boolean gone;
    private ReplicaControl control;
    private RemoteReplica channel;

    PodReplica(KubernetesBackend backend, ReplicaLaunch launch, String object, ReplicaEvents events) {
        this.backend = backend;
        this.launch = launch;
        this.object = object;
        this.events = events;
    }

    /** Its pod as the API has it now: it starts on the first ready sight; a container restart is its end. */
    void seen(Pod seen, int replicaPort) {
        boolean nowStarted = false;
        boolean stoppedMeanwhile = false;
        String restarted = null;
        synchronized (this) {
            if (gone) {
                return;
            }
            if (!started) {
                pod = seen.getMetadata().getName();
                address = seen.getStatus().getPodIP();
                port = replicaPort;
                restarts = Pods.restarts(seen);
                control = ReplicaControl.connect(address, port, backend.secret());
                channel = RemoteReplica.connect(backend.application().name(), launch.deployment().name(),
                        launch.deployment().node().wire(), address, port, CALL_TIMEOUT, backend.secret());
                started = true;
                nowStarted = !stopping;
                stoppedMeanwhile = stopping; // it was stopped as the pod was given to it: the pod goes
            } else if (Pods.restarts(seen) > restarts && !stopping) {
                restarted = "its pod " + pod + "'s container restarted (" + Pods.restarts(seen) + " restarts)";
            }
        }
        if (stoppedMeanwhile) {
            backend.markForDeletion(pod);
            backend.scale(object);
        } else if (nowStarted) {
            for (String dependency : launch.deployment().dependencies()) {
                tell(dependency); // where everything it calls is, before anyone calls it
            }
            events.started(new ReplicaEndpoint.Remote(channel, launch.deployment().node().dispatcher()
                    .maxModelsPerReplica()));
        } else if (restarted != null) {
            // A new process with nothing of the old one: the replica that was is gone, and its pod goes too.
            backend.markForDeletion(pod);
            podGone(restarted);
        }
    }

    /** Its pod went away: a stop it asked for ends; otherwise the replica went away. */
    void podGone(String reason) {
        boolean asked;
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
            asked = stopping;
        }
        backend.forget(this);
        disconnect();
        if (asked) {
            stopped.complete(null);
        } else {
            events.exited(reason);
            backend.scale(object); // the ReplicaSet's replacement pod is nobody's: the count goes to what is wanted
        }
    }

    void failed(String reason) {
        synchronized (this) {
            gone = true;
        }
        events.failed(reason, null);
    }

    void tell(String dependency) {
        synchronized (announcing) {
            ReplicaControl line;
            synchronized (this) {
                line = stopping || gone ? null : control;
            }
            if (line == null) {
                return;
            }
            try {
                line.announce(backend.members(dependency));
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not tell replica {0} about ''{1}'': {2}", id(), dependency, e.getMessage());
            }
        }
    }

    synchronized Optional<Member> member() {
        return address == null ? Optional.empty() : Optional.of(new Member(id(), address, port));
    }

    synchronized boolean stopping() {
        return stopping;
    }

    void disconnect() {
        ReplicaControl line;
        RemoteReplica calls;
        synchronized (this) {
            line = control;
            calls = channel;
        }
        if (line != null) {
            line.close();
        }
        if (calls != null) {
            calls.close();
        }
    }

    @Override
    public String id() {
        return launch.replicaId();
    }

    private synchronized ReplicaControl control() {
        return gone ? null : control;
    }

    @Override
    public CompletionStage<Optional<String>> checkHealth(Duration timeout) {
        ReplicaControl line = control();
        return line == null ? CompletableFuture.completedFuture(Optional.of("it has no ready pod"))
                : line.check(timeout);
    }

    @Override
    public CompletionStage<Optional<ReplicaReport>> report() {
        ReplicaControl line = control();
        if (line == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return line.report().thenApply(report -> report.map(load -> new ReplicaReport(load.ongoing(),
                load.queuedByDependency(), load.batchSizes(), load.figures())));
    }

    @Override
    public CompletionStage<Optional<String>> reconfigure(Map<String, Object> config) {
        ReplicaControl line = control();
        return line == null ? CompletableFuture.completedFuture(Optional.of("it is not running")) : line.reconfigure(config);
    }

    @Override
    public CompletionStage<Optional<String>> setLimits(int maxOngoingRequests, int maxQueuedRequests) {
        ReplicaControl line = control();
        return line == null ? CompletableFuture.completedFuture(Optional.of("it is not running"))
                : line.setLimits(new ControlProtocol.Limits(maxOngoingRequests, maxQueuedRequests));
    }

    /**
     * Stops it: one still waiting for a pod waits no more; one with a pod has it deleted by its ReplicaSet
     * (lowest deletion cost, one replica fewer), and is stopped when the API says the pod is gone. The pod's
     * own grace (its manifest's, from the same graceful shutdown timeout) bounds its drain.
     */
    @Override
    public CompletionStage<Void> stop(Duration grace) {
        String held;
        synchronized (this) {
            if (stopping) {
                return stopped;
            }
            stopping = true;
            held = pod;
        }
        if (held == null && backend.stopWaiting(this)) {
            synchronized (this) {
                gone = true;
            }
            backend.forget(this);
            backend.scale(object);
            stopped.complete(null);
            return stopped;
        }
        if (held != null) {
            backend.markForDeletion(held);
        }
        backend.scale(object);
        return stopped;
    }
}
