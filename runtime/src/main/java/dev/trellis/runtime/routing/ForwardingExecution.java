package dev.trellis.runtime.routing;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ReplicaLostException;
import dev.trellis.runtime.ReplicaUnreachableException;
import dev.trellis.runtime.time.Ticker;
import dev.trellis.runtime.time.TimedWait;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Runs calls on a replica in another process by forwarding them to its channel. The router's slots
 * still bound how many run there at once. A call the replica could not even receive goes back to the
 * router, which retries it elsewhere; every other failure is the caller's.
 */
final class ForwardingExecution implements Execution {

    private final DeploymentChannel target;
    private final Ticker ticker;
    private final BiConsumer<Call<?>, RuntimeException> unreachable;
    private final ReentrantLock lock = new ReentrantLock();
    private final SentModels sentModels;
    private final Condition idle = lock.newCondition();
    private int running; // guarded by lock
    private boolean closed; // guarded by lock

    ForwardingExecution(DeploymentChannel target, BiConsumer<Call<?>, RuntimeException> unreachable,
            int maxModelsPerReplica, Ticker ticker) {
        this.target = target;
        this.ticker = ticker;
        this.unreachable = unreachable;
        this.sentModels = new SentModels(maxModelsPerReplica);
    }

    @Override
    public boolean holdsModel(String modelId) {
        return sentModels.holds(modelId);
    }

    /**
     * What the replica in the other process most likely holds, for a multiplexed deployment: the
     * {@code maxModelsPerReplica} models this router sent it calls for most recently, as its own LRU
     * keeps them. An estimate (other routers send it calls too), which only steers routing.
     */
    private static final class SentModels {
        private final int capacity;
        private final java.util.LinkedHashMap<String, Boolean> recent;

        SentModels(int capacity) {
            this.capacity = capacity;
            this.recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @java.io.Serial
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > SentModels.this.capacity;
                }
            };
        }

        synchronized void record(String modelId) {
            if (capacity > 0) {
                recent.put(modelId, Boolean.TRUE);
            }
        }

        synchronized boolean holds(String modelId) {
            return recent.containsKey(modelId);
        }
    }

    @Override
    public boolean execute(Call<?> call, Runnable done) {
        lock.lock();
        try {
            if (closed) {
                return false; // it left rotation: another replica takes the call
            }
            running++;
        } finally {
            lock.unlock();
        }
        if (call.isDone()) {
            finished(done);
            return true;
        }
        forward(call, done);
        return true;
    }

    @SuppressWarnings("try") // the trace scope is held, not read
    private <R> void forward(Call<R> call, Runnable done) {
        // The deadline travels with the call: the channel sets it on the remote call.
        // The model id is set either way: this thread may be inside another call's, assigning this one.
        // And so does its trace: this thread may be assigning it on behalf of another call.
        DeploymentResponse<R> response;
        try (io.opentelemetry.context.Scope trace = call.traceContext().makeCurrent()) {
            response = CallContext.withDeadline(call.deadlineNanos(), ticker).run(() -> dev.trellis.runtime.Multiplexing
                    .addressedTo(call.modelId(), () -> target.call(call.method(), call.args())));
        }
        if (call.modelId() != null) {
            sentModels.record(call.modelId());
        }
        call.result().whenComplete((value, failure) -> {
            if (failure != null && !response.isDone()) {
                response.cancel(); // cancelled or late here: stop it there too
            }
        });
        // Runs on the thread that completes the remote call, a transport thread: bookkeeping only.
        response.onCompletion((value, cause) -> {
            if (cause == null && call.method().streaming()) {
                // The call holds its slot while its items come; a reader that gave up stops them there too.
                dev.trellis.runtime.flow.ItemBuffer<?> items = (dev.trellis.runtime.flow.ItemBuffer<?>) value;
                items.whenEnded(() -> finished(done));
                if (!call.complete(items)) {
                    items.cancel();
                }
                return;
            }
            finished(done);
            if (cause == null) {
                call.complete(value);
            } else if (!call.isDone() && (cause instanceof ReplicaUnreachableException
                    || (cause instanceof ReplicaLostException && call.method().idempotent() && call.rerunAfterLoss()))) {
                unreachable.accept(call, (RuntimeException) cause); // it never ran there, or running it again is harmless
            } else {
                call.fail(cause);
            }
        });
    }

    private void finished(Runnable done) {
        lock.lock();
        try {
            running--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
        done.run();
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long deadlineNanos) {
        lock.lock();
        try {
            closed = true;
            while (running > 0) {
                if (!TimedWait.await(lock, idle, ticker, deadlineNanos)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
