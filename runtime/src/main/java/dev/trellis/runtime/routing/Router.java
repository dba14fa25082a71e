package dev.trellis.runtime.routing;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.Multiplexing;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.time.RandomSource;
import dev.trellis.runtime.time.Ticker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The channel in front of the replicas of one deployment: starts each call on a replica with room,
 * or queues it until one frees a slot.
 *
 * <p>Calls that find no room wait in a first-in first-out queue of at most
 * {@code maxQueuedRequests} calls (unbounded for -1); one more fails at once with a
 * {@link BackPressureException}. While nothing waits, a call picks its replica from the published
 * {@link Picker} without taking a lock. A call that finds no room takes the lock that guards the queue
 * and picks once more under it before it queues: a replica frees its slot <em>before</em> asking the
 * router to {@link #assignPending() assign} waiting calls, and assigning takes the same lock, so a call
 * never waits while a slot is free. Calls are served first come, first served, except that a call
 * arriving in the instant another one queues may take the slot the queued one was about to get: calls
 * that race each other have no order to keep.
 *
 * <p>Replica membership is changed under the same lock, one change at a time, and published as a new
 * immutable {@link Picker}. So is the traffic split of a deployment with a canary ({@link #splitTraffic}):
 * which replicas are the canary's and the share of the calls it takes.
 */
public final class Router implements DeploymentChannel {

    private static final Object[] NO_ARGS = {};

    private final String deployment;
    private volatile int maxOngoingRequests; // written under lock; a new target changes both in place
    private volatile int maxQueuedRequests;
    private final RandomSource random;
    private final Ticker ticker;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Call<?>> pending = new ArrayDeque<>(); // guarded by lock
    private volatile int pendingCount; // pending.size(), written under lock: read without it to skip the lock
    private List<Replica> replicas = List.of(); // guarded by lock
    private java.util.Set<String> canaries = java.util.Set.of(); // guarded by lock: the canary's replicas, by id
    private int canaryBasisPoints; // guarded by lock: the canary's share of the calls
    private boolean closed; // guarded by lock
    private final AtomicInteger assignRequests = new AtomicInteger();
    private volatile Picker picker;

    private Router(String deployment, int maxOngoingRequests, int maxQueuedRequests, RandomSource random,
            Ticker ticker) {
        if (maxOngoingRequests < 1) {
            throw new IllegalArgumentException("maxOngoingRequests must be at least 1, was " + maxOngoingRequests);
        }
        if (maxQueuedRequests < -1) {
            throw new IllegalArgumentException("maxQueuedRequests must be -1 (unbounded) or more, was "
                    + maxQueuedRequests);
        }
        this.deployment = java.util.Objects.requireNonNull(deployment, "deployment");
        this.maxOngoingRequests = maxOngoingRequests;
        this.maxQueuedRequests = maxQueuedRequests;
        this.random = java.util.Objects.requireNonNull(random, "random");
        this.ticker = java.util.Objects.requireNonNull(ticker, "ticker");
        this.picker = new Picker(List.of(), random);
    }

    /**
     * A router for the replicas of {@code deployment}, which are added later: calls wait until one
     * arrives.
     *
     * @param maxOngoingRequests calls one replica runs at once
     * @param maxQueuedRequests calls that may wait for a replica; -1 for no limit
     */
    public static Router create(String deployment, int maxOngoingRequests, int maxQueuedRequests) {
        return create(deployment, maxOngoingRequests, maxQueuedRequests, RandomSource.threadLocal(), Ticker.system());
    }

    /** Like {@link #create(String, int, int)}, with choices from {@code random} and time from {@code ticker}. */
    public static Router create(String deployment, int maxOngoingRequests, int maxQueuedRequests,
            RandomSource random, Ticker ticker) {
        return new Router(deployment, maxOngoingRequests, maxQueuedRequests, random, ticker);
    }

    /** The deployment whose replicas it routes to. */
    public String deployment() {
        return deployment;
    }

    /** The clock its deadlines and backoffs are read from; replicas it runs in this JVM use it too. */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * Adds a replica that runs calls through {@code execution} (an instance in this JVM); calls waiting
     * for room may start on it at once.
     *
     * @param id the replica's identity, by which {@link #removeReplica} takes it out again
     * @throws IllegalStateException if the router is closed
     */
    public Replica addReplica(String id, Execution execution) {
        return add(new Replica(deployment, id, execution, maxOngoingRequests, this::assignPending, this::retry));
    }

    /** Adds a replica reached through {@code endpoint}, in this JVM or another process. */
    public Replica addReplica(String id, ReplicaEndpoint endpoint) {
        return switch (endpoint) {
            case ReplicaEndpoint.InProcess local -> addReplica(id, local.execution());
            case ReplicaEndpoint.Remote remote -> addRemoteReplica(id, remote.channel(), remote.maxModelsPerReplica());
        };
    }

    /**
     * Adds a replica in another process, reached through {@code target}. Calls it cannot reach are
     * retried on the replicas there are then.
     *
     * @param id the replica's identity, by which {@link #removeReplica} takes it out again
     * @throws IllegalStateException if the router is closed
     */
    public Replica addRemoteReplica(String id, DeploymentChannel target) {
        return addRemoteReplica(id, target, 0);
    }

    /**
     * Like {@link #addRemoteReplica(String, DeploymentChannel)}, for a multiplexed deployment: the router
     * steers calls for a model to the replica it last sent that model's calls to.
     *
     * @param maxModelsPerReplica how many models each replica keeps loaded
     */
    public Replica addRemoteReplica(String id, DeploymentChannel target, int maxModelsPerReplica) {
        return add(new Replica(deployment, id, new ForwardingExecution(target, this::retry, maxModelsPerReplica, ticker),
                maxOngoingRequests, this::assignPending, this::retry));
    }

    private Replica add(Replica replica) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("Deployment '" + deployment + "' is shutting down");
            }
            if (replicas.stream().anyMatch(known -> known.id().equals(replica.id()))) {
                throw new IllegalArgumentException("Deployment '" + deployment + "' has a replica '" + replica.id()
                        + "' already");
            }
            replica.setLimit(maxOngoingRequests); // limits changed since it was made apply to it too
            List<Replica> updated = new ArrayList<>(replicas);
            updated.add(replica);
            replicas = List.copyOf(updated);
            publish();
        } finally {
            lock.unlock();
        }
        assignPending();
        return replica;
    }

    /**
     * Takes a replica out of rotation, for example because its process died; calls it is running go on
     * or fail there. Unknown ids are ignored.
     *
     * @return whether a replica was removed
     */
    public boolean removeReplica(String id) {
        lock.lock();
        try {
            List<Replica> updated = new ArrayList<>(replicas);
            if (!updated.removeIf(replica -> replica.id().equals(id))) {
                return false;
            }
            replicas = List.copyOf(updated);
            publish();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes new limits from now on (a new target's): each replica runs up to {@code maxOngoingRequests}
     * calls (calls running beyond a lower limit finish), and up to {@code maxQueuedRequests} calls wait
     * (those waiting beyond a lower one keep their place; new ones are refused until below it).
     */
    public void setLimits(int maxOngoingRequests, int maxQueuedRequests) {
        if (maxOngoingRequests < 1) {
            throw new IllegalArgumentException("maxOngoingRequests must be at least 1, was " + maxOngoingRequests);
        }
        if (maxQueuedRequests < -1) {
            throw new IllegalArgumentException("maxQueuedRequests must be -1 (unbounded) or more, was "
                    + maxQueuedRequests);
        }
        lock.lock();
        try {
            this.maxOngoingRequests = maxOngoingRequests;
            this.maxQueuedRequests = maxQueuedRequests;
            replicas.forEach(replica -> replica.setLimit(maxOngoingRequests));
        } finally {
            lock.unlock();
        }
        assignPending(); // a higher limit has room for calls that wait
    }

    /** Its limits now: calls one replica runs at once, and calls that may wait (-1: no limit). */
    public int maxOngoingRequests() {
        return maxOngoingRequests;
    }

    /** Calls that may wait for a replica now; -1 for no limit. */
    public int maxQueuedRequests() {
        return maxQueuedRequests;
    }

    /**
     * Splits the calls between the deployment's own replicas and its canary's: the replicas named in
     * {@code canaryIds} (those there are and those that join later) take {@code canaryPercent} of the calls,
     * the others the rest. With no canary ids and a share of nought, every replica is the deployment's own.
     *
     * @param canaryPercent from 0 to 100
     */
    public void splitTraffic(java.util.Set<String> canaryIds, double canaryPercent) {
        if (!(canaryPercent >= 0 && canaryPercent <= 100)) {
            throw new IllegalArgumentException("canaryPercent must be from 0 to 100, was " + canaryPercent);
        }
        lock.lock();
        try {
            canaries = java.util.Set.copyOf(canaryIds);
            canaryBasisPoints = (int) Math.round(canaryPercent * (Picker.ALL / 100));
            publish();
        } finally {
            lock.unlock();
        }
        assignPending(); // calls that waited for one track may fit the other now
    }

    /** The canary's share of the calls now, in percent; 0 without a canary. */
    public double canaryPercent() {
        lock.lock();
        try {
            return canaryBasisPoints / (Picker.ALL / 100.0);
        } finally {
            lock.unlock();
        }
    }

    /** Publishes the picker of the replicas and split there are now. Under the lock. */
    private void publish() {
        picker = canaries.isEmpty() && canaryBasisPoints == 0 ? new Picker(replicas, random)
                : new Picker(replicas, canaries, canaryBasisPoints, random);
    }

    /**
     * Sends a call that could not reach its replica again, after a backoff that doubles from 25 ms to
     * 500 ms (Ray Serve's), ahead of calls that arrived after it. Gives up after
     * {@link Call#MAX_ATTEMPTS} attempts.
     */
    private void retry(Call<?> call, RuntimeException failure) {
        int attempt = call.nextAttempt();
        if (attempt >= Call.MAX_ATTEMPTS) {
            call.fail(new ReplicaUnreachableException(deployment, "No replica of deployment '"
                    + deployment + "' could be reached for " + call.method() + " after " + attempt + " attempts; the"
                    + " last: " + failure.getMessage(), failure));
            return;
        }
        long backoffMillis = Math.min(500, 25L << Math.min(attempt - 1, 5));
        ticker.schedule(() -> {
            try {
                requeue(call);
            } catch (RuntimeException e) {
                call.fail(new DeploymentException(deployment, "Could not retry " + call.method() + ": " + e, e));
            }
        }, TimeUnit.MILLISECONDS.toNanos(backoffMillis));
    }

    /** Puts an admitted call back at the head of the queue, or starts it; back-pressure never applies. */
    private void requeue(Call<?> call) {
        if (call.isDone()) {
            return;
        }
        PickResult picked = PickResult.none();
        boolean refused = false;
        lock.lock();
        try {
            if (closed) {
                refused = true;
            } else {
                if (pending.isEmpty()) {
                    picked = picker.pick(call.modelId());
                }
                if (!picked.hasReplica()) {
                    pending.addFirst(call);
                    pendingCount = pending.size();
                }
            }
        } finally {
            lock.unlock();
        }
        if (refused) {
            call.fail(new ApplicationClosedException(call.method()));
        } else if (picked.hasReplica()) {
            picked.replica().start(call);
        }
    }

    @Override
    public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
        if (!deployment.equals(method.deployment())) {
            return DeploymentResponse.failed(new DeploymentException(deployment,
                    "Cannot call " + method + " on deployment '" + deployment + "': wrong channel", null));
        }
        CallContext parent = CallContext.current().orElse(null);
        long deadline = parent == null ? CallContext.NO_DEADLINE : parent.deadlineNanos();
        Call<R> call = new Call<>(method, args == null ? NO_ARGS : args, deadline, Multiplexing.outgoingModelId());
        call.madeIn(io.opentelemetry.context.Context.current()); // the caller's span: the trace goes on
        if (deadline != CallContext.NO_DEADLINE) {
            armDeadline(call);
        }
        if (!call.isDone()) {
            submit(call);
        }
        DeploymentResponse<R> response = DeploymentResponse.of(call.result());
        if (parent != null) {
            parent.register(response);
        }
        return response;
    }

    /**
     * Fails the call when its deadline passes, wherever it is then: waiting in the queue (it leaves it)
     * or running (its replica sees it as a cancellation).
     */
    private void armDeadline(Call<?> call) {
        long remaining = call.deadlineNanos() - ticker.nanoTime();
        if (remaining <= 0) {
            call.fail(late(call));
            return;
        }
        // The exception is made only when the deadline passes: filling in a stack trace for every call
        // cost the HTTP ingress a measurable share of its throughput, for calls that nearly all finish.
        Runnable cancelTimer = ticker.schedule(() -> call.expire(late(call)), remaining);
        call.whenOver(cancelTimer);
    }

    private DeploymentTimeoutException late(Call<?> call) {
        return new DeploymentTimeoutException(deployment, call.method()
                + " did not finish before the deadline of the request it serves");
    }

    /**
     * Starts, queues or refuses {@code call}. While nothing waits, the picker alone decides, without the
     * lock. Futures are completed outside the lock, because completing one runs the caller's callbacks.
     */
    private void submit(Call<?> call) {
        call.arrived(ticker.nanoTime());
        if (pendingCount == 0) {
            PickResult fast = picker.pick(call.modelId());
            if (fast.hasReplica()) {
                fast.replica().start(call);
                return;
            }
        }
        PickResult picked = PickResult.none();
        DeploymentException refusal = null;
        lock.lock();
        try {
            if (closed) {
                refusal = new ApplicationClosedException(call.method());
            } else {
                if (pending.isEmpty()) {
                    picked = picker.pick(call.modelId());
                }
                if (!picked.hasReplica()) {
                    if (maxQueuedRequests >= 0 && pending.size() >= maxQueuedRequests) {
                        refusal = new BackPressureException(deployment, maxQueuedRequests);
                    } else {
                        pending.addLast(call);
                        pendingCount = pending.size();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (refusal != null) {
            call.fail(refusal);
        } else if (picked.hasReplica()) {
            picked.replica().start(call);
        } else {
            call.result().whenComplete((value, failure) -> {
                if (failure != null) {
                    forget(call); // cancelled or past its deadline while waiting: it gives its place up
                }
            });
        }
    }

    /** Removes a cancelled call from the queue, so it neither reaches a replica nor holds a queue place. */
    private void forget(Call<?> call) {
        lock.lock();
        try {
            pending.remove(call);
            pendingCount = pending.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts waiting calls, oldest first, for as long as replicas have room.
     *
     * <p>Starting a call can finish it at once on this thread (a replica whose connection is gone fails
     * it synchronously), which frees its slot and asks for assignment again. Such requests, and those of
     * other threads meanwhile, only count up {@link #assignRequests}; the thread already assigning goes
     * round again for them. So a long queue drains in a loop, not in a recursion as deep as the queue.
     */
    private void assignPending() {
        if (assignRequests.getAndIncrement() != 0) {
            return; // a thread (perhaps this one, further up) is assigning and will go round again
        }
        int requests = 1;
        try {
            do {
                assignOnce();
                requests = assignRequests.addAndGet(-requests);
            } while (requests != 0);
        } catch (RuntimeException | Error e) {
            assignRequests.set(0); // a bug below: do not leave every later assignment waiting on this one
            throw e;
        }
    }

    private void assignOnce() {
        List<Call<?>> calls = new ArrayList<>();
        List<Replica> targets = new ArrayList<>();
        lock.lock();
        try {
            while (!pending.isEmpty()) {
                Call<?> oldest = pending.peekFirst();
                if (oldest.isDone()) {
                    pending.pollFirst(); // cancelled: its own callback may not have run yet
                    continue;
                }
                PickResult picked = picker.pick(oldest.modelId());
                if (!picked.hasReplica()) {
                    break;
                }
                pending.pollFirst();
                calls.add(oldest);
                targets.add(picked.replica());
            }
            pendingCount = pending.size();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < calls.size(); i++) {
            targets.get(i).start(calls.get(i));
        }
    }

    /** The calls waiting for a replica now. */
    public int pendingCount() {
        return pendingCount;
    }

    /** The replicas, in the order they were added. */
    public List<Replica> replicas() {
        lock.lock();
        try {
            return replicas;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What the router sees now: the calls waiting for a replica and, per replica, the calls running on
     * it. A snapshot without the lock, for the autoscaler and metrics.
     */
    public RouterStats stats() {
        Picker current = picker;
        List<RouterStats.ReplicaLoad> loads = new ArrayList<>(current.replicas().size());
        for (Replica replica : current.replicas()) {
            loads.add(new RouterStats.ReplicaLoad(replica.id(), replica.ongoing(), replica.limit()));
        }
        return new RouterStats(deployment, pendingCount, loads);
    }

    /**
     * Refuses new calls and fails the waiting ones with {@link ApplicationClosedException}; running
     * calls go on until {@link #awaitTermination}.
     */
    public void shutdown() {
        List<Call<?>> dropped;
        List<Replica> stopping;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(pending);
            pending.clear();
            pendingCount = 0;
            stopping = replicas;
        } finally {
            lock.unlock();
        }
        for (Call<?> call : dropped) {
            call.fail(new ApplicationClosedException(call.method()));
        }
        for (Replica replica : stopping) {
            replica.shutdown();
        }
    }

    /**
     * Shuts down and waits for the running calls until the deadline; calls still running then are
     * interrupted.
     *
     * @param deadlineNanos a value of the router's ticker
     * @return the replicas whose calls did not finish in time
     */
    public List<Replica> awaitTermination(long deadlineNanos) {
        shutdown();
        List<Replica> late = new ArrayList<>();
        for (Replica replica : replicas()) {
            if (!replica.awaitTermination(deadlineNanos)) {
                late.add(replica);
            }
        }
        return late;
    }

    @Override
    public String toString() {
        return "Router[" + deployment + ", replicas=" + picker.size() + "]";
    }
}
