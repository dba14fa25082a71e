package dev.trellis.benchmarks;

import dev.trellis.runtime.server.TrellisApplication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a handle call costs in the {@code local} topology: {@code echo.echo(payload).join()} through
 * {@link TrellisApplication}'s router to a method that returns its argument. Beside it, the floor any
 * design that runs each call on a virtual thread of its own pays: handing a trivial task to a new
 * virtual thread and joining its future. Both from the benchmark's platform thread (an outside caller
 * of {@link TrellisApplication}), and from a virtual thread (a deployment or the ingress calling a handle),
 * where the hand-off needs no operating-system wake-up when a carrier thread is already running.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandleCallBenchmark {

    /** Calls per virtual thread in the {@code FromVirtualThread} benchmarks. */
    static final int CALLS_PER_BATCH = 200;

    private TrellisApplication application;
    private EchoHandle echo;
    private ExecutorService virtualThreads;
    private byte[] payload;

    @Setup
    public void start() {
        application = TrellisApplication.start(new EchoAppGraph());
        echo = new EchoHandle(application.channel("Echo"));
        virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        payload = HopBenchmark.payload(HopBenchmark.PAYLOAD_BYTES);
    }

    @TearDown
    public void stop() {
        application.close();
        virtualThreads.close();
    }

    @Benchmark
    public byte[] handleCall() {
        return echo.echo(payload).join();
    }

    @Benchmark
    public byte[] virtualThreadHandoff() {
        byte[] argument = payload;
        return CompletableFuture.supplyAsync(() -> argument, virtualThreads).join();
    }

    /**
     * The same handle call made from a virtual thread, as deployments and the ingress make them: one
     * virtual thread makes {@value #CALLS_PER_BATCH} calls in a row, so starting it is spread over them.
     */
    @Benchmark
    @OperationsPerInvocation(CALLS_PER_BATCH)
    public int handleCallFromVirtualThread() throws InterruptedException {
        return inVirtualThread(() -> echo.echo(payload).join());
    }

    /** The floor of {@link #handleCallFromVirtualThread}: handing a trivial task to a new virtual thread. */
    @Benchmark
    @OperationsPerInvocation(CALLS_PER_BATCH)
    public int virtualThreadHandoffFromVirtualThread() throws InterruptedException {
        byte[] argument = payload;
        return inVirtualThread(() -> CompletableFuture.supplyAsync(() -> argument, virtualThreads).join());
    }

    private static int inVirtualThread(Supplier<byte[]> call) throws InterruptedException {
        int[] bytes = {0};
        Thread caller = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < CALLS_PER_BATCH; i++) {
                bytes[0] += call.get().length;
            }
        });
        caller.join();
        return bytes[0]; // returned, so the calls cannot be optimised away
    }
}
