package dev.trellis.runtime.local;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.BackPressureException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.spi.DeploymentSpec;
import dev.trellis.runtime.spi.Dispatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The channel in front of the replicas of one deployment: starts each call on a replica with room,
 * or queues it until one frees a slot.
 *
 * <p>Calls that find no room wait in a first-in first-out queue of at most
 * {@code maxQueuedRequests} calls (unbounded for -1); one more fails at once with a
 * {@link BackPressureException}. A lock guards the queue, and both paths that can start a queued call
 * take it: {@link #call} picks a replica only while the queue is empty, and a replica frees its slot
 * <em>before</em> asking the router to {@link #assignPending() assign} waiting calls. So a call can
 * neither overtake a waiting one nor wait while a slot is free.
 *
 * <p>Replica membership is changed under the same lock, one change at a time, and published as a new
 * immutable {@link Picker}.
 */
final class Router implements DeploymentChannel {

    private static final Object[] NO_ARGS = {};

    private final String deployment;
    private final DeploymentSpec spec;
    private final RandomSource random;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Call<?>> pending = new ArrayDeque<>(); // guarded by lock
    private List<Replica<?>> replicas = List.of(); // guarded by lock
    private boolean closed; // guarded by lock
    private volatile Picker picker;

    Router(String deployment, DeploymentSpec spec, RandomSource random) {
        this.deployment = deployment;
        this.spec = spec;
        this.random = random;
        this.picker = new Picker(List.of(), random);
    }

    String deployment() {
        return deployment;
    }

    /**
     * Adds a replica running {@code instance}; calls waiting for room may start on it at once.
     *
     * @throws IllegalStateException if the router is closed
     */
    <T> Replica<T> addReplica(T instance, Dispatcher<T> dispatcher) {
        Replica<T> replica;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("Deployment '" + deployment + "' is shutting down");
            }
            replica = new Replica<>(deployment, replicas.size(), instance, dispatcher, spec.maxOngoingRequests(),
                    this::assignPending);
            List<Replica<?>> updated = new ArrayList<>(replicas);
            updated.add(replica);
            replicas = List.copyOf(updated);
            picker = new Picker(replicas, random);
        } finally {
            lock.unlock();
        }
        assignPending();
        return replica;
    }

    @Override
    public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
        if (!deployment.equals(method.deployment())) {
            return DeploymentResponse.failed(new DeploymentException(deployment,
                    "Cannot call " + method + " on deployment '" + deployment + "': wrong channel", null));
        }
        Call<R> call = new Call<>(method, args == null ? NO_ARGS : args);
        submit(call);
        return DeploymentResponse.of(call.result());
    }

    /** Starts, queues or refuses {@code call}. Futures are completed outside the lock, because completing one runs the caller's callbacks. */
    private void submit(Call<?> call) {
        PickResult picked = PickResult.none();
        DeploymentException refusal = null;
        lock.lock();
        try {
            if (closed) {
                refusal = new ApplicationClosedException(call.method());
            } else {
                if (pending.isEmpty()) {
                    picked = picker.pick();
                }
                if (!picked.hasReplica()) {
                    if (spec.queueBounded() && pending.size() >= spec.maxQueuedRequests()) {
                        refusal = new BackPressureException(deployment, spec.maxQueuedRequests());
                    } else {
                        pending.addLast(call);
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
                if (failure instanceof CancellationException) {
                    forget(call);
                }
            });
        }
    }

    /** Removes a cancelled call from the queue, so it neither reaches a replica nor holds a queue place. */
    private void forget(Call<?> call) {
        lock.lock();
        try {
            pending.remove(call);
        } finally {
            lock.unlock();
        }
    }

    /** Starts waiting calls, oldest first, for as long as replicas have room. */
    private void assignPending() {
        List<Call<?>> calls = new ArrayList<>();
        List<Replica<?>> targets = new ArrayList<>();
        lock.lock();
        try {
            while (!pending.isEmpty()) {
                Call<?> oldest = pending.peekFirst();
                if (oldest.isDone()) {
                    pending.pollFirst(); // cancelled: its own callback may not have run yet
                    continue;
                }
                PickResult picked = picker.pick();
                if (!picked.hasReplica()) {
                    break;
                }
                pending.pollFirst();
                calls.add(oldest);
                targets.add(picked.replica());
            }
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < calls.size(); i++) {
            targets.get(i).start(calls.get(i));
        }
    }

    /** The calls waiting for a replica now. */
    int pendingCount() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** The replicas, in the order they were added. */
    List<Replica<?>> replicas() {
        lock.lock();
        try {
            return replicas;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new calls and fails the waiting ones with {@link ApplicationClosedException}; running
     * calls go on until {@link #awaitTermination}.
     */
    void shutdown() {
        List<Call<?>> dropped;
        List<Replica<?>> stopping;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped = new ArrayList<>(pending);
            pending.clear();
            stopping = replicas;
        } finally {
            lock.unlock();
        }
        for (Call<?> call : dropped) {
            call.fail(new ApplicationClosedException(call.method()));
        }
        for (Replica<?> replica : stopping) {
            replica.shutdown();
        }
    }

    /**
     * Shuts down and waits for the running calls until the deadline; calls still running then are
     * interrupted.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return the replicas whose calls did not finish in time
     */
    List<Replica<?>> awaitTermination(long deadlineNanos) {
        shutdown();
        List<Replica<?>> late = new ArrayList<>();
        for (Replica<?> replica : replicas()) {
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
