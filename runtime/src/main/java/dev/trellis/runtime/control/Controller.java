package dev.trellis.runtime.control;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.routing.ReplicaEndpoint;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.RandomSource;
import dev.trellis.runtime.time.Ticker;
import dev.trellis.runtime.time.TimedWait;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns an application's target state and moves what runs towards it, in every topology: one reconcile
 * loop starts replicas the target wants (placing them on the node's resources, or leaving them pending
 * with a reason), stops the ones it does not, checks their health, replaces the ones that fail (with a
 * growing back-off), lets the autoscaler choose replica counts, keeps routers' membership in step, and
 * starts and stops deployments in order. All its I/O goes through a {@link ReplicaBackend}.
 *
 * <p>The loop runs one round at a time on its own thread; events (a replica started, failed, died; a
 * health check answered) only record what happened under the lock and ask for a round, which then acts
 * outside the lock. Time comes from the {@link Ticker}, so tests drive every rule by moving the clock.
 */
public final class Controller implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Controller.class.getName());

    private volatile ApplicationTarget target; // replaced when a new one is applied
    private final ReplicaBackend backend;
    private final Settings settings;
    private final Ticker ticker;
    private final Placement placement;
    private final Map<String, ManagedDeployment> deployments = new LinkedHashMap<>(); // start order
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger roundRequests = new AtomicInteger();
    private ApplicationStatus.State state = ApplicationStatus.State.STARTING; // guarded by lock
    private Runnable cancelTick = () -> {}; // guarded by lock
    private final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>(); // guarded by lock: for the next round
    private final java.util.ArrayDeque<Runnable> queuedStops = new java.util.ArrayDeque<>(); // guarded by lock: its stops

    private Controller(ApplicationTarget target, ReplicaBackend backend, Settings settings) {
        this.target = target;
        this.backend = backend;
        this.settings = settings;
        this.ticker = settings.ticker();
        this.placement = new Placement(settings.node());
        for (DeploymentTarget deployment : target.deployments()) {
            Router router = Router.create(deployment.name(), deployment.maxOngoingRequests(),
                    deployment.maxQueuedRequests(), settings.random(), ticker);
            ManagedDeployment managed = new ManagedDeployment(deployment, router);
            deployment.canary().ifPresent(managed::newCanary);
            deployments.put(deployment.name(), managed);
        }
    }

    /**
     * Why {@code backend} cannot run {@code target}, if it cannot: a class path of its own for a deployment
     * whose replicas run in this JVM.
     */
    private static Optional<String> unrunnable(ApplicationTarget target, ReplicaBackend backend) {
        if (backend.runsOwnClassPaths()) {
            return Optional.empty();
        }
        for (DeploymentTarget deployment : target.deployments()) {
            boolean own = deployment.classPath().isPresent()
                    || deployment.canary().flatMap(canary -> canary.target().classPath()).isPresent();
            if (own) {
                return Optional.of("Deployment '" + deployment.name() + "' names a classPath of its own, which only"
                        + " replicas in processes of their own run (topology: processes); these run in this JVM,"
                        + " with its code");
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the code {@code next} names for its deployments and canaries ({@link NewCode}),
     * against what runs now: {@code current}'s (its canary's code for a canary that goes on), or, at the
     * start, with {@code current} null, the application's own.
     */
    private static Optional<String> newCodeProblem(ApplicationTarget next, ApplicationTarget current) {
        String proto = next.graph().manifestResource().replaceAll("\\.yaml$", ".proto");
        ClassLoader code = next.graph().getClass().getClassLoader();
        for (DeploymentTarget wanted : next.deployments()) {
            Optional<DeploymentTarget> now = current == null ? Optional.empty()
                    : Optional.of(current.deployment(wanted.name()));
            Optional<List<String>> running = now.flatMap(DeploymentTarget::classPath);
            Optional<String> problem = NewCode.problem(next.name(), proto, running, wanted.withoutCanary(), code);
            if (problem.isEmpty() && wanted.canary().isPresent()) {
                Optional<List<String>> canaryRuns = now.flatMap(DeploymentTarget::canary)
                        .map(canary -> canary.target().classPath()).orElse(running);
                problem = NewCode.problem(next.name(), proto, canaryRuns, wanted.canary().get().target(), code);
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** Starts building a controller of {@code target} whose replicas {@code backend} runs. */
    public static Builder builder(ApplicationTarget target, ReplicaBackend backend) {
        return new Builder(target, backend);
    }

    /** The settings a controller runs with; immutable. */
    record Settings(NodeResources node, Ticker ticker, RandomSource random, Executor loop, boolean ownLoop,
            Duration controlInterval, Duration startTimeout, Duration restartBackoff, Duration maxRestartBackoff) {}

    /**
     * Beyond the grace, how long closing waits for a replica to report that it stopped: a replica process
     * has its own margin to answer its last calls and exit, and then may be killed.
     */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(15);

    /** Failed starts in a row after which a deployment's start gives up: as many as replace a replica. */
    private static final int START_ATTEMPTS = HealthSpec.FAILURES_TO_REPLACE;

    // ---- the application's life ----

    /**
     * Starts every deployment, dependencies first, and returns once each has its initial replicas
     * running.
     *
     * @throws ApplicationStartException naming the deployment whose replicas failed to start, or could
     *     not be placed; whatever had started is stopped again
     */
    Controller start() {
        Optional<String> unrunnable = unrunnable(target, backend).or(() -> newCodeProblem(target, null));
        if (unrunnable.isPresent()) {
            close();
            throw new ApplicationStartException(target.name(), null, unrunnable.get(), null);
        }
        try {
            for (ManagedDeployment deployment : deployments.values()) {
                startDeployment(deployment);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        lock.lock();
        try {
            if (state == ApplicationStatus.State.STOPPING) {
                throw new ApplicationStartException(target.name(), null, "Application '" + target.name()
                        + "' was closed while it started", null);
            }
            state = ApplicationStatus.State.RUNNING;
            scheduleTick();
        } finally {
            lock.unlock();
        }
        return this;
    }

    private void startDeployment(ManagedDeployment deployment) {
        long deadline = ticker.deadlineAfter(settings.startTimeout());
        lock.lock();
        try {
            deployment.started = true;
            deployment.targetReplicas = deployment.target.scaling().initialReplicas();
            if (deployment.canary != null) {
                deployment.canary.started = true; // its start is not waited for: the deployment serves without it
                deployment.canary.targetReplicas = deployment.canary.target.scaling().initialReplicas();
            }
        } finally {
            lock.unlock();
        }
        requestRound();
        lock.lock();
        try {
            while (true) {
                if (state == ApplicationStatus.State.STOPPING) {
                    throw new ApplicationStartException(target.name(), deployment.name(), "Application '"
                            + target.name() + "' was closed while deployment '" + deployment.name() + "' started", null);
                }
                Optional<String> failure = startFailure(deployment);
                if (failure.isPresent()) {
                    throw new ApplicationStartException(target.name(), deployment.name(), "Application '" + target.name()
                            + "' failed to start: deployment '" + deployment.name() + "' " + failure.get(),
                            deployment.lastFailureCause);
                }
                if (deployment.inState(ReplicaState.RUNNING).size() >= deployment.targetReplicas) {
                    // It started: failed attempts on the way do not make it unhealthy. From now on only a
                    // replica that passes a periodic check ends a run of failures.
                    deployment.failuresEnded();
                    return;
                }
                if (!TimedWait.await(lock, changed, ticker, deadline)) {
                    throw new ApplicationStartException(target.name(), deployment.name(), "Application '"
                            + target.name() + "' failed to start: deployment '" + deployment.name() + "' did not have "
                            + deployment.targetReplicas + " replicas running within " + settings.startTimeout().toSeconds()
                            + " s", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplicationStartException(target.name(), deployment.name(), "Interrupted while starting deployment '"
                    + deployment.name() + "'", e);
        } finally {
            lock.unlock();
        }
    }

    /** Why the start of {@code deployment} cannot succeed, if it cannot. Under the lock. */
    private Optional<String> startFailure(ManagedDeployment deployment) {
        if (deployment.failuresInARow >= START_ATTEMPTS) {
            return Optional.of("could not start a replica (" + deployment.failuresInARow + " attempts); the last: "
                    + deployment.lastFailure);
        }
        List<ManagedReplica> pending = deployment.inState(ReplicaState.PENDING);
        boolean settling = deployments.values().stream().anyMatch(other -> !other.inState(ReplicaState.STOPPING).isEmpty());
        if (!pending.isEmpty() && pending.get(0).waitingForRoom && !settling) {
            return Optional.of("cannot place its replicas on this node (" + placement.node() + "): replica "
                    + pending.get(0).id + " " + pending.get(0).reason + "; lower its @Resources, or give the node more"
                    + " (-D" + NodeResources.PROPERTY + "=cpu:8,mem:16g,gpu:1, or node(...) of the builder)");
        }
        return Optional.empty();
    }

    /**
     * Stops the application: deployments in reverse order, callers before the deployments they call, so
     * that a caller's last calls still reach those. Each deployment's router refuses new calls, its
     * replicas finish their running calls within their graceful shutdown timeout (one deadline shared by
     * all), and stop. Calling it again does nothing.
     */
    @Override
    public void close() {
        List<ManagedDeployment> reversed;
        lock.lock();
        try {
            if (state == ApplicationStatus.State.STOPPING) {
                return;
            }
            state = ApplicationStatus.State.STOPPING;
            cancelTick.run();
            reversed = new ArrayList<>(deployments.values()).reversed();
        } finally {
            lock.unlock();
        }
        Duration grace = target.deployments().stream()
                .flatMap(deployment -> java.util.stream.Stream.concat(java.util.stream.Stream.of(deployment),
                        deployment.canary().map(DeploymentTarget.Canary::target).stream()))
                .map(DeploymentTarget::gracefulShutdownTimeout).max(Duration::compareTo).orElse(Duration.ZERO);
        long deadline = ticker.deadlineAfter(grace);
        try {
            for (ManagedDeployment deployment : reversed) {
                if (backend.replicasOutliveController()) {
                    deployment.router.shutdown(); // this JVM's calls end; its replicas serve on for the next controller
                } else {
                    stopAll(deployment, deadline);
                }
            }
        } finally {
            backend.close();
            if (settings.ownLoop() && settings.loop() instanceof java.util.concurrent.ExecutorService own) {
                own.shutdown();
            }
        }
    }

    private void stopAll(ManagedDeployment deployment, long deadline) {
        deployment.router.shutdown();
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        lock.lock();
        List<ManagedReplica> replicas;
        try {
            replicas = List.copyOf(deployment.allReplicas());
            for (ManagedReplica replica : replicas) {
                replica.cancelHealthTimer.run();
                replica.state = ReplicaState.STOPPING;
                replica.reason = "the application is stopping";
            }
        } finally {
            lock.unlock();
        }
        Duration grace = Duration.ofNanos(Math.max(0, ticker.nanosUntil(deadline)));
        List<ManagedReplica> onTheirWay = new ArrayList<>();
        for (ManagedReplica replica : replicas) {
            BackendReplica handle = handleOf(replica);
            if (handle != null) {
                stopping.add(handle.stop(grace).toCompletableFuture());
            } else if (launched(replica)) {
                onTheirWay.add(replica);
            }
        }
        // Launches still on their way (a start that failed elsewhere stops everything at once): wait for each
        // handle, after the others were told to stop, so that what they start is stopped before this returns.
        for (ManagedReplica replica : onTheirWay) {
            Duration left = Duration.ofNanos(Math.max(0, ticker.nanosUntil(deadline)));
            try {
                BackendReplica handle = replica.launched.get(left.plus(STOP_MARGIN).toNanos(), TimeUnit.NANOSECONDS);
                if (handle != null) {
                    stopping.add(handle.stop(left).toCompletableFuture());
                }
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOGGER.log(Level.WARNING, "The launch of replica {0} did not return in time", replica.id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (CompletableFuture<Void> stop : stopping) {
            try {
                stop.get(grace.plus(STOP_MARGIN).toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOGGER.log(Level.WARNING, "A replica of ''{0}'' did not stop in time: {1}", deployment.name(),
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Hands each running replica of {@code deployment} its new configuration (Ray Serve's reconfigure); a
     * replica whose {@code @Reconfigure} fails is replaced, as one failing its health check is.
     */
    private void reconfigure(ManagedDeployment deployment, List<Runnable> actions) {
        java.util.Map<String, Object> config = deployment.target.config();
        for (ManagedReplica replica : deployment.inState(ReplicaState.RUNNING)) {
            BackendReplica handle = replica.handle;
            actions.add(() -> handle.reconfigure(config).whenComplete((problem, failure) ->
                    replaceUnlessTaken(replica, "its new configuration", problem, failure)));
        }
    }

    /**
     * Gives every router that holds {@code deployment}'s limits the new ones: this JVM's at once, those of its
     * callers in other processes with the next announcement of its members, and each running replica's own
     * (a replica process runs its callers' calls through a router of its own). A replica that does not take
     * them is replaced. Under the lock; the actions run after it.
     */
    private void relimit(ManagedDeployment deployment, List<Runnable> actions) {
        int maxOngoing = deployment.target.maxOngoingRequests();
        int maxQueued = deployment.target.maxQueuedRequests();
        Router router = deployment.router;
        actions.add(() -> router.setLimits(maxOngoing, maxQueued));
        deployment.membersChanged = true;
        for (ManagedReplica replica : deployment.allReplicas()) {
            if (replica.state != ReplicaState.RUNNING || replica.handle == null) {
                continue;
            }
            BackendReplica handle = replica.handle;
            actions.add(() -> handle.setLimits(maxOngoing, maxQueued).whenComplete((problem, failure) ->
                    replaceUnlessTaken(replica, "its new limits", problem, failure)));
        }
    }

    /**
     * A running replica that did not take {@code what} it was handed in place is replaced, counted as a
     * failure of its deployment: a new one starts with the new target.
     */
    private void replaceUnlessTaken(ManagedReplica replica, String what, Optional<String> problem, Throwable failure) {
        Optional<String> wrong = failure != null ? Optional.of(failure.toString()) : problem;
        if (wrong.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (replica.state == ReplicaState.RUNNING) {
                LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' did not take {2}: {3}; replacing it", replica.id,
                        replica.deployment.name(), what, wrong.get());
                recordFailure(replica.deployment, "replica " + replica.id + " did not take " + what + ": " + wrong.get(),
                        null);
                stop(replica, what + " failed: " + wrong.get(), queued, queuedStops);
            }
        } finally {
            lock.unlock();
        }
        requestRound();
    }

    private boolean launched(ManagedReplica replica) {
        lock.lock();
        try {
            return replica.launching;
        } finally {
            lock.unlock();
        }
    }

    private BackendReplica handleOf(ManagedReplica replica) {
        lock.lock();
        try {
            return replica.handle;
        } finally {
            lock.unlock();
        }
    }

    // ---- what callers use ----

    /**
     * The channel to {@code deployment}'s replicas through this JVM's router.
     *
     * @throws IllegalArgumentException if the application has no such deployment
     */
    public DeploymentChannel channel(String deployment) {
        return managed(deployment).router;
    }

    /** The channel to the ingress deployment. */
    public DeploymentChannel ingress() {
        return channel(target.ingress());
    }

    /** The target it reconciles towards. */
    public ApplicationTarget target() {
        return target;
    }

    /**
     * Moves the running application to {@code next}, a target of the same application (built from
     * {@link #target()}'s graph): replica counts, autoscaling, health settings, concurrency limits and (to a
     * {@code @Reconfigure} method, where the backend hands it over) the configuration change in place, the
     * replicas that run keep serving (a deployment scaled down loses its least busy replicas, drained); a
     * deployment whose replicas hold a changed setting is rolled over by the rounds that follow, new replicas
     * before old; a canary starts, shifts, ends or is promoted.
     *
     * @return per deployment, in start order, what changes
     * @throws UpdateRefusedException if {@code next} is of other code, changes what only a restart changes (the
     *     route prefix, the request timeout), or names code ({@code classPath}) that cannot run or that the
     *     deployments that keep running could not read; then nothing changes
     * @throws IllegalStateException if the application is not running
     */
    public List<TargetChange> apply(ApplicationTarget next) {
        if (next.graph() != target.graph()) {
            throw new UpdateRefusedException("The new target is of application '" + next.name() + "' as built from "
                    + next.graph().getClass().getName() + ", not of the code that runs (" + target.graph().getClass().getName()
                    + "); new code needs a new start");
        }
        if (!next.routePrefix().equals(target.routePrefix()) || !next.requestTimeout().equals(target.requestTimeout())) {
            throw new UpdateRefusedException("Application '" + target.name() + "' would change its routePrefix ("
                    + target.routePrefix() + " -> " + next.routePrefix() + ") or requestTimeoutMillis ("
                    + target.requestTimeout().toMillis() + " -> " + next.requestTimeout().toMillis() + "): the HTTP"
                    + " ingress holds them from its start; restart the application with the new deployment YAML");
        }
        Optional<String> unrunnable = unrunnable(next, backend);
        if (unrunnable.isPresent()) {
            throw new UpdateRefusedException(unrunnable.get());
        }
        Optional<String> newCode = newCodeProblem(next, target);
        if (newCode.isPresent()) {
            throw new UpdateRefusedException(newCode.get());
        }
        List<TargetChange> changes = new ArrayList<>();
        List<Runnable> reconfigurations = new ArrayList<>();
        lock.lock();
        try {
            if (state != ApplicationStatus.State.RUNNING) {
                throw new IllegalStateException("Application '" + target.name() + "' is " + state
                        + ": a new target applies to a running application only");
            }
            List<TargetChange> canaryChanges = new ArrayList<>();
            Map<String, DeploymentTarget> own = new LinkedHashMap<>(); // one instance each: replicas compare by identity
            for (ManagedDeployment deployment : deployments.values()) {
                DeploymentTarget wanted = next.deployment(deployment.name());
                own.put(deployment.name(), wanted.withoutCanary());
                changes.add(TargetChange.between(deployment.target, own.get(deployment.name()),
                        backend.reconfiguresInPlace()));
                canaryChanges.add(deployment.canary != null && wanted.canary().isPresent()
                        ? TargetChange.between(deployment.canary.target, wanted.canary().get().target(),
                                backend.reconfiguresInPlace())
                        : null);
            }
            long now = ticker.nanoTime();
            List<ManagedDeployment> inOrder = new ArrayList<>(deployments.values());
            for (int index = 0; index < changes.size(); index++) {
                ManagedDeployment deployment = inOrder.get(index);
                DeploymentTarget wanted = next.deployment(deployment.name());
                TargetChange change = changes.get(index);
                TargetChange canaryChange = retargetCanary(deployment, wanted.canary(), own.get(deployment.name()),
                        change, canaryChanges.get(index), now, reconfigurations);
                changes.set(index, change.withCanary(canaryChange)); // what is reported; the own replicas follow their own
                deployment.retarget(own.get(deployment.name()), change, now);
                if (change.reconfigures()) {
                    reconfigure(deployment, reconfigurations);
                }
                if (change.relimits()) {
                    relimit(deployment, reconfigurations);
                }
            }
            target = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Runnable reconfiguration : reconfigurations) {
            try {
                reconfiguration.run(); // one failing does not keep the others from being told
            } catch (RuntimeException e) {
                LOGGER.log(Level.ERROR, "The controller of application '" + target.name() + "' failed to hand a change"
                        + " to a replica", e);
            }
        }
        changes.stream().filter(change -> change.kind() != TargetChange.Kind.UNCHANGED).forEach(change ->
                LOGGER.log(Level.INFO, "Deployment ''{0}'' changes in place: {1}", change.deployment(),
                        String.join(", ", change.fields())));
        requestRound();
        return changes;
    }

    /**
     * Moves the canary of {@code deployment} towards {@code wanted}'s: starts a new one, retargets the one
     * there is (its share of the calls, its replicas in place or rolled), or ends it, when {@code wanted}
     * has none. Ending a canary whose target is what the deployment's own replicas are to run promotes it:
     * its replicas become the deployment's (they keep serving) and the deployment's old ones are replaced.
     * Under the lock.
     *
     * @param ownChange the change of the deployment's own replicas
     * @param change the canary's own change, when it has a canary and keeps one
     * @return what changes of the canary
     */
    private TargetChange retargetCanary(ManagedDeployment deployment, Optional<DeploymentTarget.Canary> next,
            DeploymentTarget own, TargetChange ownChange, TargetChange change, long now,
            List<Runnable> reconfigurations) {
        ManagedDeployment canary = deployment.canary;
        List<String> fields = new ArrayList<>();
        TargetChange.Kind kind = TargetChange.Kind.IN_PLACE;
        if (next.isPresent() && canary == null) {
            kind = TargetChange.Kind.ROLLED; // new replicas, beside the deployment's
            ManagedDeployment track = deployment.newCanary(next.get());
            track.started = deployment.started;
            track.targetReplicas = track.target.scaling().initialReplicas();
            fields.add("canary started: version '" + track.target.version() + "', " + track.targetReplicas
                    + (track.targetReplicas == 1 ? " replica, " : " replicas, ")
                    + ManagedDeployment.percent(next.get().trafficPercent()) + "% of the calls once "
                    + (track.targetReplicas == 1 ? "it runs" : "they run"));
        } else if (next.isPresent()) {
            if (canary.trafficPercent != next.get().trafficPercent()) {
                fields.add("canary trafficPercent " + ManagedDeployment.percent(canary.trafficPercent) + " -> "
                        + ManagedDeployment.percent(next.get().trafficPercent()));
                canary.trafficPercent = next.get().trafficPercent();
            }
            change.fields().forEach(field -> fields.add("canary " + field));
            if (change.kind() == TargetChange.Kind.ROLLED) {
                kind = TargetChange.Kind.ROLLED;
            }
            canary.retarget(next.get().target(), change, now);
            if (change.reconfigures()) {
                reconfigure(canary, reconfigurations);
            }
        } else if (canary != null) {
            deployment.canary = null;
            if (TargetChange.sameReplicas(canary.target, own)) {
                // Promoted: its replicas are the deployment's from now on, and serve all its calls at once. Those
                // still of an earlier canary target are rolled over with the deployment's old ones; so are those
                // not running yet when the change is handed to running replicas (new limits, a configuration).
                boolean handedOver = ownChange.reconfigures() || ownChange.relimits();
                int promoted = 0;
                for (ManagedReplica replica : List.copyOf(canary.replicas)) {
                    replica.deployment = deployment;
                    if (replica.target == canary.target && (!handedOver || replica.state == ReplicaState.RUNNING)) {
                        replica.target = own;
                    }
                    promoted += replica.active() ? 1 : 0;
                    deployment.replicas.add(replica);
                }
                fields.add("canary promoted: its " + promoted + (promoted == 1 ? " replica serves" : " replicas serve")
                        + " every call");
            } else {
                // Its replicas drain as the deployment's: the close waits for them, and the status shows them.
                for (ManagedReplica replica : List.copyOf(canary.replicas)) {
                    stop(replica, "its canary ended", queued, queuedStops);
                    if (canary.replicas.contains(replica)) {
                        replica.deployment = deployment;
                        deployment.replicas.add(replica);
                    }
                }
                fields.add("canary ended: its replicas stop");
            }
            canary.replicas.clear();
            deployment.membersChanged = true;
        }
        return new TargetChange(deployment.name(), fields.isEmpty() ? TargetChange.Kind.UNCHANGED : kind, fields, false,
                false);
    }

    /** This JVM's router of {@code deployment}, for its figures. */
    public Router router(String deployment) {
        return managed(deployment).router;
    }

    private ManagedDeployment managed(String deployment) {
        ManagedDeployment managed = deployments.get(deployment);
        if (managed == null) {
            throw new IllegalArgumentException("Application '" + target.name() + "' has no deployment named '"
                    + deployment + "'; its deployments are " + deployments.keySet());
        }
        return managed;
    }

    /** What runs now: every deployment's target, decision and replicas. */
    public ApplicationStatus status() {
        lock.lock();
        try {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("cpus", placement.node().cpus());
            node.put("memoryMb", placement.node().memoryMb());
            node.put("gpus", placement.node().gpus());
            node.put("free", placement.free());
            return new ApplicationStatus(target.name(), state, node,
                    deployments.values().stream().map(ManagedDeployment::status).toList());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks each running replica of {@code deployment} for its report now and waits for the answers (a
     * few seconds at most); for the metrics, which want counts as they are. By replica id; a replica
     * that did not answer is left out.
     */
    public Map<String, ReplicaReport> freshReports(String deployment) {
        Map<String, BackendReplica> handles = new LinkedHashMap<>();
        lock.lock();
        try {
            managed(deployment).allReplicas().stream()
                    .filter(replica -> replica.state == ReplicaState.RUNNING && replica.handle != null)
                    .forEach(replica -> handles.put(replica.id, replica.handle));
        } finally {
            lock.unlock();
        }
        Map<String, CompletableFuture<Optional<ReplicaReport>>> asked = new LinkedHashMap<>();
        handles.forEach((id, handle) -> asked.put(id, handle.report().toCompletableFuture()));
        Map<String, ReplicaReport> reports = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<Optional<ReplicaReport>>> answer : asked.entrySet()) {
            try {
                answer.getValue().get(5, TimeUnit.SECONDS).ifPresent(report -> reports.put(answer.getKey(), report));
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                LOGGER.log(Level.DEBUG, "A replica of ''{0}'' did not report: {1}", deployment, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return reports;
    }

    /** Waits until {@code condition} holds of the status, or the timeout passes; for tests and tools. */
    public boolean awaitStatus(java.util.function.Predicate<ApplicationStatus> condition, Duration timeout)
            throws InterruptedException {
        long deadline = ticker.deadlineAfter(timeout);
        lock.lock();
        try {
            while (!condition.test(status())) {
                if (!TimedWait.await(lock, changed, ticker, deadline)) {
                    return condition.test(status());
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- the reconcile loop ----

    /** Asks for a round of the loop; rounds run one at a time, and a request during one runs another. */
    private void requestRound() {
        if (roundRequests.getAndIncrement() == 0) {
            try {
                settings.loop().execute(this::runRounds);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                roundRequests.set(0); // the controller has closed: nothing more to reconcile
            }
        }
    }

    private void runRounds() {
        int requests = 1;
        do {
            List<Runnable> actions = List.of();
            try {
                actions = round();
            } catch (RuntimeException | Error e) {
                LOGGER.log(Level.ERROR, "The controller of application '" + target.name() + "' failed a round", e);
            }
            for (Runnable action : actions) {
                try {
                    action.run(); // one failing does not keep the others, a stop or a start, from happening
                } catch (RuntimeException | Error e) {
                    LOGGER.log(Level.ERROR, "The controller of application '" + target.name() + "' failed an action",
                            e);
                }
            }
            requests = roundRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void scheduleTick() {
        cancelTick = ticker.schedule(() -> {
            requestRound();
            lock.lock();
            try {
                if (state != ApplicationStatus.State.STOPPING) {
                    scheduleTick();
                }
            } finally {
                lock.unlock();
            }
        }, settings.controlInterval());
    }

    /**
     * One round: decides under the lock, returns what to do outside it, in order. Stops come last, after
     * the routers and the callers elsewhere have been told that their replicas are gone: a stopping
     * replica then gets no new calls, rather than refusing them.
     */
    private List<Runnable> round() {
        List<Runnable> actions = new ArrayList<>();
        List<Runnable> stops = new ArrayList<>();
        lock.lock();
        try {
            actions.addAll(queued);
            queued.clear();
            stops.addAll(queuedStops);
            queuedStops.clear();
            if (state == ApplicationStatus.State.STOPPING) {
                actions.addAll(stops);
                return actions;
            }
            long now = ticker.nanoTime();
            boolean decide = state == ApplicationStatus.State.RUNNING;
            for (ManagedDeployment deployment : deployments.values()) {
                if (!deployment.started) {
                    continue;
                }
                List<ManagedDeployment> tracks = deployment.canary == null ? List.of(deployment)
                        : List.of(deployment, deployment.canary);
                for (ManagedDeployment track : tracks) {
                    if (decide && track.policy.isPresent() && now - track.nextDecisionNanos >= 0) {
                        autoscale(track, now, actions);
                    }
                    scale(track, now, actions, stops);
                    place(track, now, actions);
                    checkHealth(track, actions);
                }
                split(deployment, actions);
                if (deployment.membersChanged) {
                    deployment.membersChanged = false;
                    Membership members = new Membership(deployment.members().stream().map(replica -> replica.handle)
                            .toList(), deployment.publishedCanaries, deployment.publishedPercent,
                            deployment.target.maxOngoingRequests(), deployment.target.maxQueuedRequests());
                    actions.add(() -> backend.membersChanged(deployment.name(), members));
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        actions.addAll(stops);
        return actions;
    }

    /**
     * Gives the router a new split when the canary's replicas or its share changed: before the replicas
     * started this round join (a canary's replica joins labelled), and with the members' announcement to
     * the callers elsewhere. A canary serves once all its replicas have run. Under the lock.
     */
    private void split(ManagedDeployment deployment, List<Runnable> actions) {
        ManagedDeployment canary = deployment.canary;
        if (canary != null && !canary.serving && canary.inState(ReplicaState.RUNNING).size() >= canary.targetReplicas) {
            canary.serving = true;
            LOGGER.log(Level.INFO, "The canary of ''{0}'' runs: it takes {1}% of the calls", deployment.name(),
                    canary.trafficPercent);
        }
        java.util.Set<String> ids = deployment.canaryIds();
        double percent = deployment.canaryPercent();
        if (ids.equals(deployment.publishedCanaries) && percent == deployment.publishedPercent) {
            return;
        }
        deployment.publishedCanaries = ids;
        deployment.publishedPercent = percent;
        deployment.membersChanged = true;
        Router router = deployment.router;
        actions.add(() -> router.splitTraffic(ids, percent));
    }

    private void autoscale(ManagedDeployment deployment, long now, List<Runnable> actions) {
        AutoscalingPolicy policy = deployment.policy.orElseThrow();
        deployment.nextDecisionNanos = now + policy.spec().metricsInterval().toNanos();
        int running = deployment.inState(ReplicaState.RUNNING).size();
        // Rule 18 is about replicas on their way up: not ones waiting for room or a back-off, which would
        // otherwise hold a deployment at a count it can never reach.
        int starting = deployment.inState(ReplicaState.STARTING).size();
        AutoscalingPolicy.Decision decision = policy.decide(now, ongoing(deployment), deployment.targetReplicas, running,
                starting);
        if (decision.targetReplicas() != deployment.targetReplicas) {
            LOGGER.log(Level.INFO, "Autoscaling ''{0}'' from {1} to {2} replicas ({3} ongoing requests on average)",
                    deployment.name(), deployment.targetReplicas, decision.targetReplicas(),
                    String.format(java.util.Locale.ROOT, "%.1f", decision.averageOngoing()));
            deployment.targetReplicas = decision.targetReplicas();
        }
        deployment.lastDecision = decision;
        requestReports(deployment, actions);
    }

    /**
     * The requests queued for and running on {@code deployment} now, over all its callers: its replicas'
     * own counts (or this JVM's router's, for a replica that sends none), plus the calls each router holds
     * for it, this JVM's and those of every replica that calls it.
     */
    private double ongoing(ManagedDeployment deployment) {
        var stats = deployment.router.stats();
        int ongoing = 0;
        for (ManagedReplica replica : deployment.inState(ReplicaState.RUNNING)) {
            ongoing += replica.report.map(ReplicaReport::ongoing).orElseGet(() -> stats.ongoing(replica.id));
        }
        ManagedDeployment owner = deployment.owner();
        int waiting = owner.router.pendingCount();
        for (ManagedDeployment caller : deployments.values()) {
            for (ManagedReplica replica : caller.allReplicas()) {
                if (replica.state != ReplicaState.RUNNING) {
                    continue;
                }
                waiting += replica.report.map(report -> report.queuedByDependency().getOrDefault(owner.name(), 0))
                        .orElse(0);
            }
        }
        // The calls waiting for the deployment go to its two versions by their shares: at 100% to the canary
        // only, which then scales for them, and not the deployment's own replicas, which get none.
        double canaryShare = owner.canaryPercent() / 100;
        return ongoing + waiting * (deployment.isCanary() ? canaryShare : 1 - canaryShare);
    }

    /**
     * Asks for the next reports the decisions about {@code scaled} read: from its own replicas (their
     * ongoing calls) and from those of the deployments that call it (the calls they hold for it). No
     * other replica is asked: in the image-tagging sample that halves the reports, each a gRPC call, that
     * an idle application makes ten times a second.
     */
    private void requestReports(ManagedDeployment scaled, List<Runnable> actions) {
        for (ManagedDeployment deployment : deployments.values()) {
            boolean own = deployment == scaled.owner();
            if (!own && !deployment.target.dependencies().contains(scaled.name())) {
                continue;
            }
            // Of its own deployment only its track's replicas; of a caller all, its canary's too.
            List<ManagedReplica> asked = own ? scaled.replicas : deployment.allReplicas();
            for (ManagedReplica replica : asked) {
                if (replica.state != ReplicaState.RUNNING || replica.reporting || replica.handle == null) {
                    continue;
                }
                replica.reporting = true;
                BackendReplica handle = replica.handle;
                actions.add(() -> handle.report().whenComplete((report, failure) -> {
                    lock.lock();
                    try {
                        replica.reporting = false;
                        if (report != null && report.isPresent()) {
                            replica.report = report;
                        }
                    } finally {
                        lock.unlock();
                    }
                }));
            }
        }
    }

    /**
     * Adds pending replicas up to the target, stops the ones beyond it; while replicas of an earlier
     * target run, rolls them over instead.
     */
    private void scale(ManagedDeployment deployment, long now, List<Runnable> actions, List<Runnable> stops) {
        List<ManagedReplica> outdated = deployment.outdated();
        if (!outdated.isEmpty()) {
            roll(deployment, outdated, actions, stops);
            return;
        }
        for (long missing = deployment.targetReplicas - deployment.active(); missing > 0; missing--) {
            deployment.newReplica();
        }
        long excess = deployment.active() - deployment.targetReplicas;
        for (ManagedReplica victim : victims(deployment, excess)) {
            stop(victim, "scaled down", actions, stops);
        }
    }

    /**
     * One step of a rolling update, new before old (Ray Serve rule 29): at most a fifth of the target
     * count (at least one) of new replicas on their way at once; an old replica is drained and stopped only
     * when a new one runs in its place, so the deployment never serves with fewer replicas than before,
     * unless the node has no room for a new one: then old ones leave first, one at a time. New replicas
     * that fail to start leave the old ones serving.
     */
    private void roll(ManagedDeployment deployment, List<ManagedReplica> outdated, List<Runnable> actions,
            List<Runnable> stops) {
        long fresh = deployment.active() - outdated.size();
        long freshRunning = deployment.replicas.stream()
                .filter(replica -> replica.active() && replica.target == deployment.target && replica.inRouter).count();
        long surge = Math.max(1, (long) Math.ceil(deployment.targetReplicas * 0.2));
        for (long onTheWay = fresh - freshRunning; fresh < deployment.targetReplicas && onTheWay < surge;
                fresh++, onTheWay++) {
            deployment.newReplica();
        }
        long replaced = freshRunning + outdated.size() - deployment.targetReplicas;
        List<ManagedReplica> leaving = new ArrayList<>(outdated);
        var stats = deployment.router.stats();
        leaving.sort(java.util.Comparator.comparingInt(replica -> stats.ongoing(replica.id))); // least busy first
        for (ManagedReplica old : leaving.subList(0, (int) Math.max(0, Math.min(replaced, leaving.size())))) {
            stop(old, "replaced by a replica of the new target", actions, stops);
        }
        // A node too full for one more replica would hold the roll for ever: then one old replica leaves
        // first, one at a time, and its room goes to the new one (the others serve meanwhile).
        boolean waitingForRoom = deployment.inState(ReplicaState.PENDING).stream()
                .anyMatch(replica -> replica.waitingForRoom);
        boolean onItsWay = !deployment.inState(ReplicaState.STARTING).isEmpty()
                || !deployment.inState(ReplicaState.STOPPING).isEmpty();
        if (replaced <= 0 && waitingForRoom && !onItsWay && !leaving.isEmpty()) {
            stop(leaving.get(0), "making room for a replica of the new target", actions, stops);
        }
    }

    /** Whom a scale-down stops: pending ones first, then starting ones, then the least busy running ones, newest first. */
    private static List<ManagedReplica> victims(ManagedDeployment deployment, long count) {
        if (count <= 0) {
            return List.of();
        }
        List<ManagedReplica> order = new ArrayList<>();
        order.addAll(deployment.inState(ReplicaState.PENDING).reversed());
        order.addAll(deployment.inState(ReplicaState.STARTING).reversed());
        List<ManagedReplica> running = new ArrayList<>(deployment.inState(ReplicaState.RUNNING).reversed());
        var stats = deployment.router.stats();
        running.sort(java.util.Comparator.comparingInt(replica -> stats.ongoing(replica.id)));
        order.addAll(running);
        return order.subList(0, (int) Math.min(count, order.size()));
    }

    /** Places pending replicas in order while the node has room, and starts them. */
    private void place(ManagedDeployment deployment, long now, List<Runnable> actions) {
        for (ManagedReplica replica : deployment.inState(ReplicaState.PENDING)) {
            long backingOff = deployment.restartNotBeforeNanos - now;
            if (backingOff > 0) {
                replica.waitingForRoom = false;
                replica.reason = "starts in " + Duration.ofNanos(backingOff).toMillis() + " ms: restarts back off after "
                        + deployment.failuresInARow + " failure" + (deployment.failuresInARow == 1 ? "" : "s") + " in a row";
                continue;
            }
            Optional<String> why = placement.whyNot(deployment.target.resources());
            if (why.isPresent()) {
                if (!why.get().equals(replica.reason)) {
                    LOGGER.log(Level.INFO, "Replica {0} is pending: it {1}", replica.id, why.get());
                }
                replica.reason = why.get();
                replica.waitingForRoom = true;
                changed.signalAll();
                return; // the ones after it need as much
            }
            replica.assignment = placement.reserve(deployment.target.resources()).orElseThrow();
            replica.target = deployment.target;
            replica.placedNanos = ticker.nanoTime();
            replica.state = ReplicaState.STARTING;
            replica.reason = "";
            replica.waitingForRoom = false;
            if (deployment.target.resources().gpus() > 0 && placement.cpuOnly() && !deployment.cpuFallbackLogged
                    && !backend.clusterPlacesReplicas()) {
                deployment.cpuFallbackLogged = true;
                LOGGER.log(Level.WARNING, "Deployment ''{0}'' asks for {1} GPU per replica, but this machine has no GPU"
                        + " (nvidia-smi lists none; -D{2} or {3} says otherwise): its replicas run their models on the"
                        + " CPU", deployment.name(), deployment.target.resources().gpus(), NodeResources.GPUS_PROPERTY,
                        NodeResources.GPUS_ENV);
            }
            ReplicaLaunch launch = new ReplicaLaunch(replica.id, deployment.target, replica.assignment.gpuDevice(),
                    dependency -> {
                        if (!deployment.target.dependencies().contains(dependency)) {
                            throw new IllegalArgumentException("Deployment '" + deployment.name() + "' does not call '"
                                    + dependency + "'; it calls " + deployment.target.dependencies());
                        }
                        return channel(dependency);
                    }, target, deployment.isCanary()); // the deployment's target is the application's current one's
            replica.launching = true;
            actions.add(() -> launch(replica, launch));
        }
    }

    private void launch(ManagedReplica replica, ReplicaLaunch launch) {
        Events events = new Events(replica);
        BackendReplica handle;
        try {
            handle = backend.start(launch, events);
        } catch (RuntimeException e) {
            replica.launched.complete(null);
            events.onFailed("the backend could not start it: " + DeploymentException.describe(e), e);
            return;
        } catch (Error e) {
            replica.launched.complete(null); // nobody waits for a launch that never returns
            throw e;
        }
        Runnable early;
        boolean abandoned;
        lock.lock();
        try {
            replica.handle = handle;
            early = replica.pendingEvent;
            replica.pendingEvent = null;
            abandoned = replica.state == ReplicaState.STOPPING; // stopped while its start was on its way
        } finally {
            lock.unlock();
        }
        replica.launched.complete(handle);
        if (abandoned) {
            handle.stop(Duration.ZERO).whenComplete((ignored, failure) -> stopped(replica));
        }
        if (early != null) {
            early.run();
        }
    }

    /** What the backend reports of one replica. */
    private final class Events implements ReplicaEvents {

        private final ManagedReplica replica;

        Events(ManagedReplica replica) {
            this.replica = replica;
        }

        @Override
        public void started(ReplicaEndpoint endpoint) {
            if (deferred(() -> started(endpoint))) {
                return;
            }
            lock.lock();
            try {
                if (replica.state != ReplicaState.STARTING) {
                    return; // on its way out already
                }
                replica.endpoint = endpoint;
                replica.healthCheckDue = true; // its first check, before it takes calls
            } finally {
                lock.unlock();
            }
            requestRound();
        }

        @Override
        public void failed(String reason, Throwable cause) {
            if (!deferred(() -> failed(reason, cause))) {
                onFailed(reason, cause);
            }
        }

        void onFailed(String reason, Throwable cause) {
            lock.lock();
            try {
                if (replica.state != ReplicaState.STOPPING) {
                    LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' failed to start: {2}", replica.id,
                            replica.deployment.name(), reason);
                    recordFailure(replica.deployment, "replica " + replica.id + " failed to start: " + reason, cause);
                }
                forget(replica);
            } finally {
                lock.unlock();
            }
            requestRound();
        }

        @Override
        public void exited(String reason) {
            if (deferred(() -> exited(reason))) {
                return;
            }
            lock.lock();
            try {
                if (replica.state == ReplicaState.STOPPING || state == ApplicationStatus.State.STOPPING) {
                    return; // its stop completes it
                }
                LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' went away ({2}); replacing it", replica.id,
                        replica.deployment.name(), reason);
                recordFailure(replica.deployment, "replica " + replica.id + " went away: " + reason, null);
                leaveRouter(replica, queued);
                replica.cancelHealthTimer.run();
                forget(replica);
            } finally {
                lock.unlock();
            }
            requestRound();
        }

        /** Keeps an event that came before the backend's start returned, for when it has. */
        private boolean deferred(Runnable event) {
            lock.lock();
            try {
                if (replica.handle == null && replica.state != ReplicaState.PENDING) {
                    replica.pendingEvent = event;
                    return true;
                }
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Counts a failure of the deployment's replicas and backs its next start off. Under the lock. */
    private void recordFailure(ManagedDeployment deployment, String failure, Throwable cause) {
        deployment.failuresInARow++;
        deployment.lastFailureNanos = ticker.nanoTime();
        deployment.lastFailure = failure;
        deployment.lastFailureCause = cause;
        long backoff = Math.min(settings.maxRestartBackoff().toNanos(),
                settings.restartBackoff().toNanos() << Math.min(20, deployment.failuresInARow - 1));
        deployment.restartNotBeforeNanos = ticker.nanoTime() + backoff;
        ticker.schedule(this::requestRound, backoff); // the back-off ends: start the replacement
        changed.signalAll();
    }

    /** Removes a replica that is gone for good and gives its resources back. Under the lock. */
    private void forget(ManagedReplica replica) {
        if (replica.assignment != null) {
            placement.release(replica.assignment);
            replica.assignment = null;
        }
        replica.deployment.replicas.remove(replica);
        changed.signalAll();
    }

    private void leaveRouter(ManagedReplica replica, java.util.Collection<Runnable> actions) {
        if (replica.inRouter) {
            replica.inRouter = false;
            replica.deployment.owner().membersChanged = true;
            Router router = replica.deployment.router;
            actions.add(() -> router.removeReplica(replica.id));
        }
    }

    /** Takes a replica out of rotation and stops it; it gives its resources back once it has stopped. */
    private void stop(ManagedReplica replica, String why, java.util.Collection<Runnable> actions,
            java.util.Collection<Runnable> stops) {
        ReplicaState was = replica.state;
        replica.state = ReplicaState.STOPPING;
        replica.reason = why;
        replica.cancelHealthTimer.run();
        if (was == ReplicaState.PENDING) {
            forget(replica);
            return;
        }
        leaveRouter(replica, actions);
        BackendReplica handle = replica.handle;
        if (handle == null) {
            return; // its start is on its way: launch() stops it once the backend answered
        }
        // Its own grace: a roll to a target with a shorter one must not cut the old replicas' calls short.
        Duration grace = (replica.target != null ? replica.target : replica.deployment.target).gracefulShutdownTimeout();
        stops.add(() -> handle.stop(grace).whenComplete((ignored, failure) -> stopped(replica)));
    }

    private void stopped(ManagedReplica replica) {
        lock.lock();
        try {
            forget(replica);
        } finally {
            lock.unlock();
        }
        requestRound();
    }

    // ---- health ----

    /** Starts the checks that are due: a started replica's first, and running replicas' periodic ones. */
    private void checkHealth(ManagedDeployment deployment, List<Runnable> actions) {
        HealthSpec health = deployment.target.health();
        for (ManagedReplica replica : deployment.replicas) {
            boolean first = replica.state == ReplicaState.STARTING && replica.endpoint != null;
            boolean periodic = replica.state == ReplicaState.RUNNING;
            if (!(first || periodic) || !replica.healthCheckDue || replica.checking || replica.handle == null) {
                continue;
            }
            replica.healthCheckDue = false;
            replica.checking = true;
            BackendReplica handle = replica.handle;
            actions.add(() -> handle.checkHealth(health.timeout()).whenComplete((problem, failure) ->
                    checked(replica, first, problem == null ? Optional.of(String.valueOf(failure)) : problem)));
        }
    }

    private void checked(ManagedReplica replica, boolean first, Optional<String> problem) {
        java.util.Collection<Runnable> actions = queued;
        lock.lock();
        try {
            replica.checking = false;
            if (replica.state == ReplicaState.STOPPING || state == ApplicationStatus.State.STOPPING
                    || !replica.deployment.replicas.contains(replica)) {
                return; // the answer of a replica that is on its way out, or gone
            }
            ManagedDeployment deployment = replica.deployment;
            if (first) {
                if (problem.isPresent()) {
                    LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' failed its first health check: {2}", replica.id,
                            deployment.name(), problem.get());
                    recordFailure(deployment, "replica " + replica.id + " failed its first health check: "
                            + problem.get(), null);
                    stop(replica, "failed its first health check", actions, queuedStops);
                } else {
                    LOGGER.log(Level.INFO, "Replica {0} of ''{1}'' runs, {2} ms after it was placed", replica.id,
                            deployment.name(), Duration.ofNanos(ticker.nanoTime() - replica.placedNanos).toMillis());
                    replica.state = ReplicaState.RUNNING;
                    replica.runningSinceNanos = ticker.nanoTime();
                    replica.inRouter = true;
                    deployment.owner().membersChanged = true;
                    ReplicaEndpoint endpoint = replica.endpoint;
                    actions.add(() -> join(deployment.router, replica.id, endpoint));
                    scheduleHealthCheck(replica);
                }
            } else if (problem.isEmpty()) {
                replica.healthFailures.record(true, deployment.target.health().failureThreshold());
                // Only a replica started after the last failure proves the failures over: a healthy old one
                // says nothing of the replacement that keeps failing beside it.
                if (deployment.failuresInARow > 0 && replica.runningSinceNanos - deployment.lastFailureNanos > 0) {
                    LOGGER.log(Level.INFO, "Deployment ''{0}'' is healthy again", deployment.name());
                    deployment.failuresEnded(); // restarts need no back-off any more
                }
                scheduleHealthCheck(replica);
            } else {
                boolean replace = replica.healthFailures.record(false, deployment.target.health().failureThreshold());
                LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' failed its health check ({2} in a row): {3}",
                        replica.id, deployment.name(), replica.healthFailures.inARow(), problem.get());
                if (replace) {
                    LOGGER.log(Level.WARNING, "Replacing unhealthy replica {0} of ''{1}''", replica.id,
                            deployment.name());
                    recordFailure(deployment, "replica " + replica.id + " failed " + deployment.target.health().failureThreshold()
                            + " health checks in a row: " + problem.get(), null);
                    stop(replica, "unhealthy: " + problem.get(), actions, queuedStops);
                } else {
                    scheduleHealthCheck(replica);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        requestRound();
    }

    /** Puts a replica into rotation, unless the application closed its router meanwhile (closing stops it). */
    private static void join(Router router, String id, ReplicaEndpoint endpoint) {
        try {
            router.addReplica(id, endpoint);
        } catch (IllegalStateException closing) {
            LOGGER.log(Level.DEBUG, "Replica {0} started as its application stopped", id);
        }
    }

    private void scheduleHealthCheck(ManagedReplica replica) {
        replica.cancelHealthTimer = ticker.schedule(() -> {
            lock.lock();
            try {
                replica.healthCheckDue = true;
            } finally {
                lock.unlock();
            }
            requestRound();
        }, replica.deployment.target.health().period());
    }

    @Override
    public String toString() {
        return "Controller[" + target.name() + ", deployments=" + deployments.keySet() + "]";
    }

    /** How a controller is set up; {@link #start()} starts the application. */
    public static final class Builder {

        private final ApplicationTarget target;
        private final ReplicaBackend backend;
        private NodeResources node;
        private Ticker ticker = Ticker.system();
        private RandomSource random = RandomSource.threadLocal();
        private Executor loop;
        private Duration controlInterval = Duration.ofMillis(100);
        private Duration startTimeout = Duration.ofMinutes(5);
        private Duration restartBackoff = Duration.ofMillis(250);
        private Duration maxRestartBackoff = Duration.ofSeconds(30);

        private Builder(ApplicationTarget target, ReplicaBackend backend) {
            this.target = Objects.requireNonNull(target, "target");
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** The node's resources replicas are placed on; required (the edge reads them, see {@link NodeResources#detect}). */
        public Builder node(NodeResources node) {
            this.node = Objects.requireNonNull(node, "node");
            return this;
        }

        /** Where time comes from; tests move a manual one. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Where routers draw their choices from. */
        public Builder randomSource(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Where the reconcile loop runs its rounds; by default a virtual thread of its own. Tests run it inline. */
        public Builder loop(Executor loop) {
            this.loop = Objects.requireNonNull(loop, "loop");
            return this;
        }

        /** How often the loop looks again without being asked (autoscaling decisions, back-offs ending). Default 100 ms. */
        public Builder controlInterval(Duration interval) {
            this.controlInterval = positive("controlInterval", interval);
            return this;
        }

        /** How long a deployment's initial replicas may take to start. Default 5 minutes. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive("startTimeout", timeout);
            return this;
        }

        /** The wait before a failed replica's first restart, doubling with each failure in a row up to {@code max}. */
        public Builder restartBackoff(Duration first, Duration max) {
            this.restartBackoff = positive("restartBackoff", first);
            this.maxRestartBackoff = positive("maxRestartBackoff", max);
            return this;
        }

        private static Duration positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        /**
         * Starts the application and returns once every deployment's initial replicas run.
         *
         * @throws ApplicationStartException if a deployment could not start; nothing is left running
         */
        public Controller start() {
            if (node == null) {
                throw new IllegalStateException("No node: call node(...) with the resources replicas may use");
            }
            Executor executor = loop != null ? loop
                    : Executors.newSingleThreadExecutor(Thread.ofVirtual().name("trellis-controller-" + target.name())
                            .factory());
            return new Controller(target, backend, new Settings(node, ticker, random, executor, loop == null, controlInterval,
                    startTimeout, restartBackoff, maxRestartBackoff)).start();
        }
    }
}
