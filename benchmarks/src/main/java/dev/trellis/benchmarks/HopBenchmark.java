package dev.trellis.benchmarks;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.topology.process.ProcessBackend;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One hop through Trellis against a plain grpc-java echo of the same payload, in one run, and the cost
 * of an in-process handle call (JMH). Writes {@code benchmarks/results/hop.json}; run it with
 * {@code benchmarks/run-hop.sh}.
 *
 * <p>Both servers run in a child JVM with the same options, on loopback, and are called from this JVM:
 * <ul>
 *   <li>{@code trellis}: a handle call through the {@code processes} topology: this process's router,
 *       {@code RemoteReplica}, gRPC, the replica's {@code DeploymentGrpcService} and router, the method;
 *   <li>{@code raw}: a grpc-java blocking call over one long-lived channel to a Netty server that
 *       answers with the request's bytes: the baseline of the ratios;
 *   <li>{@code raw_async}: the same server called through a future, as Trellis calls it: separates
 *       the blocking stub's direct hand-off from Trellis's own work;
 *   <li>{@code replica_server}: the same echo served by the server a Trellis replica listens with
 *       ({@code ReplicaServer}, same settings), called through a future: separates that server from
 *       Trellis's own work. (Until 2026-12-02 that server was Helidon's; results of then say
 *       {@code helidon}.)
 * </ul>
 * They take turns, round after round, in a rotating order, so that noise from other work on the
 * machine falls on all of them.
 */
public final class HopBenchmark {

    static final int PAYLOAD_BYTES = Integer.getInteger("bench.payloadBytes", 100);

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final int WARM_UP_CALLS = Integer.getInteger("bench.warmUpCalls", 1_000);
    private static final int MEASURED_CALLS = Integer.getInteger("bench.measuredCalls", 2_000);
    private static final int CALLERS = Integer.getInteger("bench.callers", 16);
    private static final Duration THROUGHPUT_WARM_UP = Duration.ofMillis(500);
    private static final Duration THROUGHPUT_MEASURED = Duration.ofMillis(
            Long.getLong("bench.throughputMillis", 2_000));
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(60);

    /** The options the {@code processes} topology gives replica JVMs; the raw server gets the same. */
    private static final String DEFAULT_CHILD_JVM_OPTIONS = String.join(" ", ProcessBackend.DEFAULT_JAVA_OPTIONS);

    private HopBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path resultsFile = Path.of(System.getProperty("bench.results", "benchmarks/results/hop.json"));
        List<String> childJvmOptions = Arrays.asList(
                System.getProperty("bench.childJvmOptions", DEFAULT_CHILD_JVM_OPTIONS).trim().split("\\s+"));
        byte[] payload = payload(PAYLOAD_BYTES);

        // The performance benchmark runs only the hop, at several payload sizes: -Dbench.jmh=false.
        boolean jmhToo = Boolean.parseBoolean(System.getProperty("bench.jmh", "true"));
        Map<String, RunResult> jmh = Map.of();
        if (jmhToo) {
            System.out.println("== In-process handle call (JMH, SampleTime) ==");
            jmh = handleCallBenchmark();
        }

        System.out.println("== One hop: Trellis processes topology vs raw grpc-java echo ==");
        System.out.println("child JVM options: " + childJvmOptions);
        Map<String, List<long[]>> latencies = new HashMap<>();
        Map<String, List<Load.Throughput>> throughputs = new HashMap<>();
        try (TrellisApplication trellis = TrellisApplication.builder(new EchoAppGraph()).topology(Topology.PROCESSES)
                     .replicaJavaOptions(childJvmOptions).start();
                ChildJvm rawServer = ChildJvm.start(childJvmOptions, RawEchoServer.class, List.of(),
                        RawEchoServer.READY);
                ChildJvm replicaServer = ChildJvm.start(childJvmOptions, RawEchoServer.class, List.of("replica"),
                        RawEchoServer.READY);
                Channel raw = new Channel(rawServer.port());
                Channel replica = new Channel(replicaServer.port())) {
            EchoHandle echo = new EchoHandle(trellis.ingress());
            List<EchoClient> clients = List.of(
                    new EchoClient("trellis", payloadToSend -> echo.echo(payloadToSend).join()),
                    new EchoClient("raw", raw::blockingEcho),
                    new EchoClient("raw_async", raw::futureEcho),
                    new EchoClient("replica_server", replica::futureEcho));

            for (EchoClient client : clients) { // JIT warm-up of every path, not recorded
                Load.sequential(client, payload, 3 * WARM_UP_CALLS);
                Load.throughput(client, payload, CALLERS, Duration.ZERO, Duration.ofSeconds(1));
            }
            for (int round = 0; round < ROUNDS; round++) {
                List<EchoClient> order = new ArrayList<>(clients);
                java.util.Collections.rotate(order, round);
                StringBuilder line = new StringBuilder("round " + (round + 1) + "/" + ROUNDS + ":");
                for (EchoClient client : order) {
                    Load.sequential(client, payload, WARM_UP_CALLS);
                    long[] measured = Load.sequential(client, payload, MEASURED_CALLS);
                    Load.Throughput throughput = Load.throughput(client, payload, CALLERS, THROUGHPUT_WARM_UP,
                            THROUGHPUT_MEASURED);
                    latencies.computeIfAbsent(client.name(), ignored -> new ArrayList<>()).add(measured);
                    throughputs.computeIfAbsent(client.name(), ignored -> new ArrayList<>()).add(throughput);
                    line.append(String.format(" %s p50 %.1f us, %.0f calls/s%s;", client.name(),
                            Load.percentile(measured.clone(), 50) / 1e3, throughput.callsPerSecond(),
                            throughput.failed() == 0 ? "" : " (" + throughput.failed() + " failed: "
                                    + throughput.firstFailure() + ")"));
                }
                System.out.println(line);
            }
        }

        ResultsFile results = new ResultsFile();
        Stats trellis = Stats.of(latencies.get("trellis"), throughputs.get("trellis"));
        Stats raw = Stats.of(latencies.get("raw"), throughputs.get("raw"));
        Stats rawAsync = Stats.of(latencies.get("raw_async"), throughputs.get("raw_async"));
        Stats replica = Stats.of(latencies.get("replica_server"), throughputs.get("replica_server"));
        List<Double> roundRatios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            roundRatios.add(Load.percentile(latencies.get("trellis").get(round).clone(), 50)
                    / Load.percentile(latencies.get("raw").get(round).clone(), 50));
        }
        results.put("hop_p50_ratio", trellis.p50Micros / raw.p50Micros)
                .put("hop_p99_ratio", trellis.p99Micros / raw.p99Micros)
                .put("hop_throughput_ratio", trellis.throughput / raw.throughput);
        if (jmhToo) {
            results.put("handle_overhead_p50_us", percentile(jmh, "handleCallFromVirtualThread", 50))
                    .put("handle_overhead_p99_us", percentile(jmh, "handleCallFromVirtualThread", 99))
                    .put("virtual_thread_handoff_p50_us", percentile(jmh, "virtualThreadHandoffFromVirtualThread", 50))
                    .put("handle_overhead_platform_caller_p50_us", percentile(jmh, "handleCall", 50))
                    .put("handle_overhead_platform_caller_p99_us", percentile(jmh, "handleCall", 99))
                    .put("virtual_thread_handoff_platform_caller_p50_us", percentile(jmh, "virtualThreadHandoff", 50))
                    .put("calls_per_virtual_thread", HandleCallBenchmark.CALLS_PER_BATCH);
        }
        results
                .put("trellis_p50_us", trellis.p50Micros)
                .put("trellis_p99_us", trellis.p99Micros)
                .put("trellis_throughput_per_s", trellis.throughput)
                .put("raw_p50_us", raw.p50Micros)
                .put("raw_p99_us", raw.p99Micros)
                .put("raw_throughput_per_s", raw.throughput)
                .put("raw_async_p50_us", rawAsync.p50Micros)
                .put("raw_async_p99_us", rawAsync.p99Micros)
                .put("raw_async_throughput_per_s", rawAsync.throughput)
                .put("replica_server_p50_us", replica.p50Micros)
                .put("replica_server_p99_us", replica.p99Micros)
                .put("replica_server_throughput_per_s", replica.throughput)
                .put("trellis_failed_calls", trellis.failed)
                .put("raw_failed_calls", raw.failed)
                .put("raw_async_failed_calls", rawAsync.failed)
                .put("replica_server_failed_calls", replica.failed)
                .put("hop_p50_ratio_vs_raw_async", trellis.p50Micros / rawAsync.p50Micros)
                .put("hop_throughput_ratio_vs_raw_async", trellis.throughput / rawAsync.throughput)
                .put("hop_p50_ratio_vs_replica_server", trellis.p50Micros / replica.p50Micros)
                .put("hop_throughput_ratio_vs_replica_server", trellis.throughput / replica.throughput)
                .put("hop_p50_ratio_round_min", roundRatios.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
                .put("hop_p50_ratio_round_max", roundRatios.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .put("payload_bytes", PAYLOAD_BYTES)
                .put("rounds", ROUNDS)
                .put("sequential_calls_per_round", MEASURED_CALLS)
                .put("concurrent_callers", CALLERS)
                .put("child_jvm_options", String.join(" ", childJvmOptions))
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .put("command", System.getProperty("bench.command", "benchmarks/run-hop.sh"))
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.write(resultsFile);
        System.out.println("== Results (" + resultsFile.toAbsolutePath().normalize() + ") ==");
        System.out.print(results.toJson());
    }

    /** {@code size} bytes of printable text. */
    static byte[] payload(int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    private static Map<String, RunResult> handleCallBenchmark() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(java.util.regex.Pattern.quote(HandleCallBenchmark.class.getName()) + "\\..*")
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, RunResult> byMethod = new HashMap<>();
        for (RunResult run : runs) {
            String benchmark = run.getParams().getBenchmark();
            byMethod.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), run);
        }
        return byMethod;
    }

    private static double percentile(Map<String, RunResult> runs, String method, double percentile) {
        RunResult run = runs.get(method);
        if (run == null) {
            throw new IllegalStateException("JMH did not run " + method + "; it ran " + runs.keySet());
        }
        return run.getPrimaryResult().getStatistics().getPercentile(percentile);
    }

    /** The raw baseline's client: one long-lived channel, as Trellis keeps one per replica. */
    private static final class Channel implements AutoCloseable {

        private final ManagedChannel channel;

        Channel(int port) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        }

        byte[] blockingEcho(byte[] payload) {
            return ClientCalls.blockingUnaryCall(channel, RawEchoServer.ECHO, options(), payload);
        }

        byte[] futureEcho(byte[] payload) throws Exception {
            return ClientCalls.futureUnaryCall(channel.newCall(RawEchoServer.ECHO, options()), payload).get();
        }

        private static CallOptions options() {
            return CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            channel.shutdownNow();
        }
    }

    /**
     * One client's figures over all rounds: latencies pooled, throughput averaged, failed calls under
     * load summed.
     */
    private record Stats(double p50Micros, double p99Micros, double throughput, long failed) {

        static Stats of(List<long[]> rounds, List<Load.Throughput> throughputs) {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
            return new Stats(Load.percentile(all, 50) / 1e3, Load.percentile(all, 99) / 1e3,
                    throughputs.stream().mapToDouble(Load.Throughput::callsPerSecond).average().orElseThrow(),
                    throughputs.stream().mapToLong(Load.Throughput::failed).sum());
        }
    }
}
