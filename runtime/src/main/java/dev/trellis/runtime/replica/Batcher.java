package dev.trellis.runtime.replica;

import dev.trellis.runtime.BatchSpec;
import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.stats.MethodRecorder;
import dev.trellis.runtime.tracing.CallSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import dev.trellis.runtime.time.Ticker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers one replica's calls of one {@code @Batch} method into batches, with Ray Serve's rules: a batch
 * runs when {@code maxSize} calls wait, or {@code maxWait} after its first call arrived, whichever comes
 * first; at most {@code maxConcurrentBatches} run at once, and a queue longer than {@code maxSize} drains
 * batch after batch. Results go back to the callers in order; an exception, or a result list of the
 * wrong length, fails every caller of that batch and no other. A caller cancelled while waiting leaves
 * the queue; a batch whose callers were all cancelled is not run, and one whose callers are all
 * cancelled while it runs is interrupted.
 *
 * <p>Time comes from the router's {@link Ticker}, so tests move it by hand.
 */
final class Batcher {

    /** Runs the user's method on a batch of items. */
    @FunctionalInterface
    interface Method {
        Object run(List<Object> items) throws Throwable;
    }

    private final String deployment;
    private final DeploymentMethod<?> method;
    private final BatchSpec spec;
    private final Ticker ticker;
    private final Method userMethod;
    private final Executor executor;
    private final AtomicLongArray sizes; // sizes[n]: how many batches of n calls ran
    private final java.util.Set<CallContext> runningContexts;
    private final MethodRecorder recorder;
    private final String replicaId;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // guarded by lock
    private int running; // guarded by lock
    private Runnable cancelTimer; // guarded by lock; the timer of the oldest waiting call, if armed
    private long timerDue; // guarded by lock

    Batcher(String deployment, DeploymentMethod<?> method, Ticker ticker, Method userMethod, Executor executor) {
        this(deployment, method, method.batch(), ticker, userMethod, executor,
                java.util.concurrent.ConcurrentHashMap.newKeySet(), new MethodRecorder(), deployment + "-0");
    }

    /**
     * @param spec how it batches: the method's {@code @Batch}, or a deployment YAML's over it
     * @param runningContexts where each running batch's context is kept, for a replica stopping past its grace period
     * @param recorder counts each call's wait for its batch and the batch's time
     * @param replicaId the replica it batches for, named in its spans and log lines
     */
    Batcher(String deployment, DeploymentMethod<?> method, BatchSpec spec, Ticker ticker, Method userMethod,
            Executor executor, java.util.Set<CallContext> runningContexts, MethodRecorder recorder, String replicaId) {
        this.runningContexts = runningContexts;
        this.recorder = recorder;
        this.replicaId = replicaId;
        this.deployment = deployment;
        this.method = method;
        this.spec = spec;
        this.ticker = ticker;
        this.userMethod = userMethod;
        this.executor = executor;
        this.sizes = new AtomicLongArray(spec.maxSize() + 1);
    }

    /**
     * A call waiting for its batch; {@code done} releases its replica slot, exactly once. {@code span} is
     * the call's, which the batch's links to.
     */
    private record Waiting(Call<?> call, Runnable done, SpanContext span, long arrivedNanos, AtomicBoolean released) {
        void release() {
            if (released.compareAndSet(false, true)) {
                done.run();
            }
        }
    }

    /** Adds a call to the next batch; {@code done} runs once it has finished, however it ended. */
    void add(Call<?> call, Runnable done) {
        add(call, done, SpanContext.getInvalid());
    }

    /** Adds a call whose span is {@code span} to the next batch; {@code done} runs once it has finished. */
    void add(Call<?> call, Runnable done, SpanContext span) {
        Waiting entry = new Waiting(call, done, span, ticker.nanoTime(), new AtomicBoolean());
        lock.lock();
        try {
            waiting.addLast(entry);
        } finally {
            lock.unlock();
        }
        call.result().whenComplete((value, failure) -> {
            if (failure != null && leave(entry)) {
                entry.release(); // cancelled or late while waiting: it gives its place and its slot up
                startDue();
            }
        });
        startDue();
    }

    /** Starts every batch that is due, right away, ignoring waits and the concurrency limit: a replica stopping. */
    void drainNow() {
        List<List<Waiting>> batches = new ArrayList<>();
        lock.lock();
        try {
            while (!waiting.isEmpty()) {
                batches.add(take());
                running++;
            }
            disarm();
        } finally {
            lock.unlock();
        }
        batches.forEach(this::start);
    }

    /** How many batches of each size have run: {@code [0, 3, 0, 1]} is three batches of 1 and one of 3. */
    long[] sizes() {
        long[] copy = new long[sizes.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = sizes.get(i);
        }
        return copy;
    }

    private boolean leave(Waiting entry) {
        lock.lock();
        try {
            return waiting.remove(entry);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the batches that are full or due while fewer than the limit run; arms the timer for the next. */
    private void startDue() {
        List<List<Waiting>> batches = new ArrayList<>();
        lock.lock();
        try {
            while (running < spec.maxConcurrentBatches() && !waiting.isEmpty()) {
                boolean full = waiting.size() >= spec.maxSize();
                long due = waiting.peekFirst().arrivedNanos() + spec.maxWait().toNanos();
                if (!full && ticker.nanoTime() - due < 0) {
                    arm(due);
                    break;
                }
                batches.add(take());
                running++;
            }
            if (waiting.isEmpty() || running >= spec.maxConcurrentBatches()) {
                disarm(); // nothing waits, or nothing could start: a finishing batch looks again
            }
        } finally {
            lock.unlock();
        }
        batches.forEach(this::start);
    }

    private List<Waiting> take() {
        List<Waiting> batch = new ArrayList<>(Math.min(spec.maxSize(), waiting.size()));
        while (batch.size() < spec.maxSize() && !waiting.isEmpty()) {
            batch.add(waiting.pollFirst());
        }
        return batch;
    }

    private void arm(long due) {
        if (cancelTimer != null && timerDue == due) {
            return;
        }
        disarm();
        timerDue = due;
        cancelTimer = ticker.schedule(() -> onTimer(due), Math.max(0, due - ticker.nanoTime()));
    }

    private void disarm() {
        if (cancelTimer != null) {
            cancelTimer.run();
            cancelTimer = null;
        }
    }

    private void onTimer(long due) {
        lock.lock();
        try {
            if (timerDue == due) {
                cancelTimer = null; // this timer's; a newer one stays armed and can still be disarmed
            }
        } finally {
            lock.unlock();
        }
        startDue();
    }

    private void start(List<Waiting> batch) {
        try {
            executor.execute(() -> run(batch));
        } catch (RejectedExecutionException e) {
            for (Waiting entry : batch) {
                entry.call().fail(new dev.trellis.runtime.ApplicationClosedException(method));
                entry.release();
            }
            finished();
        }
    }

    private void run(List<Waiting> batch) {
        List<Waiting> live = batch.stream().filter(entry -> !entry.call().isDone()).toList();
        try {
            batch.stream().filter(entry -> entry.call().isDone()).forEach(Waiting::release);
            if (live.isEmpty()) {
                return; // every caller was cancelled: the method is not called
            }
            sizes.incrementAndGet(live.size());
            runLive(live);
        } finally {
            live.forEach(Waiting::release);
            finished();
        }
    }

    @SuppressWarnings("try") // the trace scope is held, not read
    private void runLive(List<Waiting> live) {
        long deadline = live.stream().mapToLong(entry -> entry.call().deadlineNanos()).max().orElseThrow();
        CallContext context = CallContext.withDeadline(deadline, ticker);
        Thread runner = Thread.currentThread();
        AtomicBoolean answered = new AtomicBoolean();
        for (Waiting entry : live) {
            // When every caller has gone, the batch is stopped; one caller going changes nothing for the rest.
            entry.call().result().whenComplete((value, failure) -> {
                if (failure != null && !answered.get() && live.stream().allMatch(other -> other.call().isDone())) {
                    runner.interrupt();
                    context.cancel();
                }
            });
        }
        List<Object> items = new ArrayList<>(live.size());
        live.forEach(entry -> items.add(entry.call().args()[0]));
        if (live.stream().allMatch(entry -> entry.call().isDone())) {
            return; // every caller went away while the batch was being put together
        }
        Object results;
        runningContexts.add(context);
        Span batchSpan = CallSpans.startBatch(live.stream().map(Waiting::span).toList(), deployment, method.name());
        long started = ticker.nanoTime();
        for (Waiting entry : live) {
            if (entry.call().arrivedNanos() != Call.NOT_ARRIVED) {
                recorder.waited(started - entry.call().arrivedNanos());
            }
        }
        try (Scope trace = CallSpans.enter(io.opentelemetry.context.Context.root(), batchSpan, deployment, replicaId)) {
            results = context.call(() -> userMethod.run(items));
        } catch (Throwable failure) {
            CallSpans.end(batchSpan, MethodRecorder.ofFailure(failure).label());
            recorder.processed(ticker.nanoTime() - started, live.size());
            answered.set(true);
            Thread.interrupted(); // an interrupt meant for this batch must not reach the next task
            failAll(live, failure instanceof DeploymentTimeoutException late ? late : new DeploymentException(deployment,
                    method + " failed on a batch of " + live.size() + ": " + DeploymentException.describe(failure), failure));
            return;
        } finally {
            runningContexts.remove(context);
        }
        recorder.processed(ticker.nanoTime() - started, live.size());
        answered.set(true);
        Thread.interrupted();
        CallSpans.end(batchSpan, results instanceof List<?> list && list.size() == live.size() ? "ok" : "error");
        if (!(results instanceof List<?> list) || list.size() != live.size()) {
            String returned = results instanceof List<?> list ? list.size() + " results" : String.valueOf(results);
            failAll(live, new DeploymentException(deployment, method + " returned " + returned + " for a batch of "
                    + live.size() + " calls; a @Batch method returns one result per item, in order", null));
            return;
        }
        for (int i = 0; i < live.size(); i++) {
            live.get(i).call().complete(list.get(i));
        }
    }

    private static void failAll(List<Waiting> live, RuntimeException failure) {
        for (Waiting entry : live) {
            entry.call().fail(failure);
        }
    }

    private void finished() {
        lock.lock();
        try {
            running--;
        } finally {
            lock.unlock();
        }
        startDue();
    }
}
