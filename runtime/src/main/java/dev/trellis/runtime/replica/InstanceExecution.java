package dev.trellis.runtime.replica;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.routing.Call;
import dev.trellis.runtime.routing.Execution;
import dev.trellis.runtime.stats.Histogram;
import dev.trellis.runtime.stats.MethodFigures;
import dev.trellis.runtime.stats.MethodRecorder;
import dev.trellis.runtime.tracing.CallSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import dev.trellis.runtime.time.Ticker;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs calls against an instance in this JVM. Each call gets its own virtual thread, because user code
 * blocks (model inference, waiting on downstream responses) and a platform thread per call would not
 * scale; the replica's {@link ConcurrencyLimit} is what bounds the work, not a pool size.
 *
 * @param <T> the deployment class
 */
public final class InstanceExecution<T> implements Execution {

    private static final System.Logger LOGGER = System.getLogger(InstanceExecution.class.getName());

    private final String deployment;
    private final String replicaId;
    private final T instance;
    private final Dispatcher<T> dispatcher;
    private final ExecutorService executor;
    private final AtomicBoolean instanceClosed = new AtomicBoolean();
    private final java.util.Set<CallContext> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How long calls stopped past the grace period get to end before the instance is left open. */
    private static final java.time.Duration STOP_GRACE = java.time.Duration.ofSeconds(2);
    private final Ticker ticker;
    private final ModelLru models; // null unless the deployment is @Multiplexed
    private final java.util.Map<Integer, Batcher> batchers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, MethodRecorder> recorders = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger ongoing = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;

    private final java.util.function.Function<dev.trellis.runtime.DeploymentMethod<?>, dev.trellis.runtime.BatchSpec> batchOf;

    private InstanceExecution(String deployment, String replicaId, T instance, Dispatcher<T> dispatcher,
            Ticker ticker, java.util.function.Function<dev.trellis.runtime.DeploymentMethod<?>, dev.trellis.runtime.BatchSpec> batchOf) {
        this.deployment = deployment;
        this.replicaId = replicaId;
        this.batchOf = batchOf;
        this.instance = instance;
        this.dispatcher = dispatcher;
        this.ticker = ticker;
        this.models = dispatcher.maxModelsPerReplica() > 0 ? new ModelLru(deployment, dispatcher.maxModelsPerReplica(),
                modelId -> dispatcher.loadModel(instance, modelId), ticker) : null;
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("trellis-" + replicaId + "-", 0).factory());
    }

    /**
     * Runs the calls of one replica against {@code instance}, the deployment's object in this JVM.
     *
     * @param replicaId names the replica's threads
     * @param ticker the clock of the router that hands it calls
     */
    public static <T> InstanceExecution<T> create(String deployment, String replicaId, T instance,
            Dispatcher<T> dispatcher, Ticker ticker) {
        return create(deployment, replicaId, instance, dispatcher, ticker, dev.trellis.runtime.DeploymentMethod::batch);
    }

    /**
     * Like {@link #create(String, String, Object, Dispatcher, Ticker)}, batching each {@code @Batch} method as
     * {@code batchOf} says instead of as its code does: {@code DeploymentTarget::batch}, a deployment YAML's.
     */
    public static <T> InstanceExecution<T> create(String deployment, String replicaId, T instance,
            Dispatcher<T> dispatcher, Ticker ticker,
            java.util.function.Function<dev.trellis.runtime.DeploymentMethod<?>, dev.trellis.runtime.BatchSpec> batchOf) {
        return new InstanceExecution<>(deployment, replicaId, java.util.Objects.requireNonNull(instance, "instance"),
                dispatcher, ticker, batchOf);
    }

    /**
     * Hands the instance a new configuration through its deployment's {@code @Reconfigure} method, on the
     * calling thread, while its calls go on.
     *
     * @return whether the deployment has such a method
     * @throws Throwable what the method threw
     */
    public boolean reconfigure(Object config) throws Throwable {
        return dispatcher.reconfigure(instance, config);
    }

    /** The calls it was given and has not finished: running, or waiting in a batch. */
    public int ongoing() {
        return ongoing.get();
    }

    @Override
    public boolean execute(Call<?> call, Runnable finished) {
        if (stopping) {
            return false; // it left rotation: another replica takes the call
        }
        ongoing.incrementAndGet();
        MethodRecorder recorder = recorder(call.method());
        Span span = CallSpans.startCall(call.traceContext(), deployment, call.method().name(), replicaId);
        Runnable done = () -> {
            ongoing.decrementAndGet(); // the router's contract: done runs exactly once per call
            // Done runs after the call's result is set, however it ended.
            MethodRecorder.Outcome outcome = MethodRecorder.outcomeOf(call.result());
            recorder.finished(outcome);
            CallSpans.end(span, outcome.label());
            finished.run();
        };
        if (call.method().batched()) {
            batcher(call.method()).add(call, done, span.getSpanContext());
            return true;
        }
        try {
            executor.execute(() -> run(call, span, done));
        } catch (RejectedExecutionException e) {
            ongoing.decrementAndGet();
            CallSpans.end(span, "refused");
            return false; // stopped between the check and here
        }
        return true;
    }

    private Batcher batcher(dev.trellis.runtime.DeploymentMethod<?> method) {
        return batchers.computeIfAbsent(method.index(), index -> new Batcher(deployment, method,
                batchOf.apply(method), ticker,
                items -> dispatcher.dispatch(instance, index, new Object[] {items}), executor, running,
                recorder(method), replicaId));
    }

    private MethodRecorder recorder(dev.trellis.runtime.DeploymentMethod<?> method) {
        return recorders.computeIfAbsent(method.name(), name -> new MethodRecorder());
    }

    /** What it counted of each method's calls, by method name: those that were called. */
    public java.util.Map<String, MethodFigures> methodFigures() {
        java.util.Map<String, MethodFigures> figures = new java.util.TreeMap<>();
        recorders.forEach((name, recorder) -> figures.put(name, recorder.figures()));
        return figures;
    }

    /** How long its model loads took; empty unless the deployment is {@code @Multiplexed}. */
    public Histogram modelLoads() {
        return models == null ? Histogram.EMPTY : models.loadTimes();
    }

    /** The models it holds, loaded or loading. */
    public int modelsHeld() {
        return models == null ? 0 : models.held();
    }

    /** How many batches of each size each {@code @Batch} method has run here, by method index. */
    public java.util.Map<Integer, long[]> batchSizes() {
        java.util.Map<Integer, long[]> sizes = new java.util.TreeMap<>();
        batchers.forEach((index, batcher) -> sizes.put(index, batcher.sizes()));
        return sizes;
    }

    /**
     * Calls the user's method; for a call addressed to a model of a multiplexed deployment, with that model
     * loaded (or loading) in this replica and lent to the call for {@link dev.trellis.runtime.Multiplexing#model}.
     */
    private Object dispatchWithModel(Call<?> call, CallContext context) throws Throwable {
        CallContext.Body<Object> invoke = call.method().streaming()
                ? () -> StreamPump.pump(deployment, ticker, call, dispatcher.dispatch(instance, call.method().index(), call.args()),
                        context)
                : () -> dispatcher.dispatch(instance, call.method().index(), call.args());
        if (call.modelId() == null) {
            return invoke.get();
        }
        if (models == null) {
            // Not multiplexed itself, but it may read the id to address a multiplexed deployment it calls.
            return dev.trellis.runtime.Multiplexing.runFor(call.modelId(), null, invoke);
        }
        // A stream is pumped inside: its model stays leased until the last item.
        try (ModelLru.Lease lease = models.acquire(call.modelId())) {
            return dev.trellis.runtime.Multiplexing.runFor(call.modelId(), lease.model(), invoke);
        }
    }

    @Override
    public boolean holdsModel(String modelId) {
        return models != null && models.holds(modelId);
    }

    @SuppressWarnings("try") // the trace scope is held, not read
    private void run(Call<?> call, Span span, Runnable done) {
        try (Scope trace = CallSpans.enter(call.traceContext(), span, deployment, replicaId)) {
            if (call.isDone()) {
                return; // cancelled or late while it was being assigned: it never reaches user code
            }
            CallContext context = CallContext.withDeadline(call.deadlineNanos(), ticker);
            AtomicBoolean answered = new AtomicBoolean();
            stopOnOutsideCompletion(call, Thread.currentThread(), context, answered);
            running.add(context);
            try {
                runIn(context, call, answered);
            } finally {
                running.remove(context);
            }
        } finally {
            done.run();
        }
    }

    private void runIn(CallContext context, Call<?> call, AtomicBoolean answered) {
        MethodRecorder recorder = recorder(call.method());
        long started = ticker.nanoTime();
        if (call.arrivedNanos() != Call.NOT_ARRIVED) {
            recorder.waited(started - call.arrivedNanos());
        }
        Object value;
        try {
            value = context.call(() -> dispatchWithModel(call, context));
        } catch (Throwable failure) {
            recorder.processed(ticker.nanoTime() - started, 1);
            answered.set(true);
            call.fail(pastDeadline(call) && failure instanceof DeploymentTimeoutException
                    // a downstream call ran out of the deadline they share: so did this one
                    ? new DeploymentTimeoutException(deployment, call.method()
                            + " did not finish before the deadline of the request it serves", failure)
                    : new DeploymentException(deployment, call.method() + " failed: "
                            + DeploymentException.describe(failure), failure));
            return;
        }
        recorder.processed(ticker.nanoTime() - started, 1);
        answered.set(true);
        call.complete(value);
    }

    private boolean pastDeadline(Call<?> call) {
        return call.deadlineNanos() != CallContext.NO_DEADLINE && ticker.nanosUntil(call.deadlineNanos()) <= 0;
    }

    /**
     * A call that ends from outside (its caller cancelled it, or its deadline passed) interrupts the
     * user code that computes it, so that a blocking model call or a wait on a downstream response can
     * stop early, and cancels the calls it made on its behalf. The thread runs this one call only, so an
     * interrupt that arrives just after the user code returned reaches nothing else.
     */
    private static void stopOnOutsideCompletion(Call<?> call, Thread runner, CallContext context,
            AtomicBoolean answered) {
        call.result().whenComplete((value, failure) -> {
            if (failure != null && !answered.get()) {
                runner.interrupt();
                context.cancel();
            }
        });
    }

    @Override
    public void shutdown() {
        stopping = true;
        batchers.values().forEach(Batcher::drainNow); // calls waiting for a batch run now, not never
        executor.shutdown();
    }

    @Override
    public boolean awaitTermination(long deadlineNanos) {
        shutdown();
        boolean finished = awaitExecutor(deadlineNanos);
        if (!finished) {
            // Past the grace period: stop what still runs, including native model runs that an interrupt
            // does not reach (their CallContext's cancellation terminates them), and give them a moment.
            running.forEach(CallContext::cancel);
            executor.shutdownNow();
            finished = awaitExecutor(ticker.deadlineAfter(STOP_GRACE));
        }
        if (finished && models != null) {
            finished = models.awaitLoads(ticker.deadlineAfter(STOP_GRACE)); // a loader uses the instance too
        }
        if (!finished) {
            // Closing the instance now could free what a running call or load still uses (a native
            // session): leaking it is the lesser harm.
            LOGGER.log(System.Logger.Level.WARNING, "A replica of deployment ''{0}'' still runs calls after being"
                    + " stopped; its instance is left open", deployment);
        } else if (instanceClosed.compareAndSet(false, true)) {
            if (models != null) {
                models.closeAll();
            }
            closeInstance(deployment, instance);
        }
        return finished;
    }

    /**
     * Waits for the executor until the deadline. An interrupt of the thread that stops the replica does
     * not cut the wait short (calls would lose their grace period and the instance would never be
     * closed); it is kept for the caller.
     */
    private boolean awaitExecutor(long deadlineNanos) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return executor.awaitTermination(Math.max(0, ticker.nanosUntil(deadlineNanos)),
                            TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Closes an instance that holds resources (an {@link AutoCloseable}, such as a deployment with ONNX
     * sessions) once its replica has stopped.
     */
    public static void closeInstance(String deployment, Object instance) {
        if (instance instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.WARNING, "A replica of deployment '" + deployment
                        + "' failed to close", e);
            }
        }
    }
}
