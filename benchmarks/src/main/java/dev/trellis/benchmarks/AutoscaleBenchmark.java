package dev.trellis.benchmarks;

import dev.trellis.runtime.config.Scaling;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.Controller;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.server.TrellisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How fast autoscaling reacts in the {@code processes} topology, where a new replica is a JVM cold start.
 * The {@code autoscale-bench} application is served with a JVM per replica; a load generator in its own
 * JVM ({@link AutoscaleLoad}) idles, wakes {@link ColdWorker} from zero replicas, then steps the load on
 * {@link ScaledWorker} from nothing to twelve closed-loop clients, for several rounds. This JVM reads
 * the controller's status every 25 ms.
 *
 * <p>Figures: {@code scale_up_seconds_after_delay}, the time from the load step to the first moment a
 * second replica serves, minus the configured upscale delay (target ≤ 2 s: a replica JVM's cold start
 * plus one decision interval); {@code scale_from_zero_first_response_seconds}, from the request that
 * finds no replica to its answer. Also the chart {@code docs/autoscaling.png} of the whole run.
 */
public final class AutoscaleBenchmark {

    private static final int CLIENTS = 12;
    private static final long STEP_MILLIS = 15_000;
    private static final long IDLE_MILLIS = 9_000;
    private static final long SAMPLE_MILLIS = 25;

    private AutoscaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path results = Path.of(System.getProperty("bench.results", "results/autoscale.json"));
        Path plot = Path.of(System.getProperty("bench.plot", "../docs/autoscaling.png"));
        String command = System.getProperty("bench.command", "benchmarks/run-autoscale.sh");
        List<String> childJvmOptions = Arrays.asList(System.getProperty("bench.childJvmOptions",
                "--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+"));
        AutoscaleTimeline timeline = new AutoscaleTimeline();
        List<long[]> serving = new ArrayList<>(); // [epoch millis, ScaledWorker replicas running]
        AutoscaleEvents events;
        AutoscalingSpec policy;
        try (TrellisServer server = TrellisServer.builder().application("autoscale-bench").host("127.0.0.1").port(0)
                .topology(Topology.PROCESSES).build().start()) {
            Controller controller = server.running().orElseThrow().controller();
            policy = ((Scaling.Autoscaled) controller.target().deployment("ScaledWorker").scaling()).policy();
            long started = System.currentTimeMillis();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().name("autoscale-sampler").start(() -> {
                while (sampling.get()) {
                    ApplicationStatus status = controller.status();
                    DeploymentStatus worker = status.deployment("ScaledWorker");
                    long now = System.currentTimeMillis();
                    synchronized (serving) {
                        serving.add(new long[] {now, worker.running()});
                    }
                    timeline.add(new AutoscaleTimeline.Sample((now - started) / 1000.0, worker.targetReplicas(),
                            worker.running(), worker.averageOngoing().orElse(0), status.deployment("ColdWorker").running()));
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Path eventsFile = Files.createTempFile("trellis-autoscale-", ".tsv");
            List<String> loadOptions = new ArrayList<>(childJvmOptions);
            loadOptions.add("-Xmx256m");
            try (ChildJvm load = ChildJvm.start(loadOptions, AutoscaleLoad.class, List.of(
                    Integer.toString(server.port()), Integer.toString(rounds), Integer.toString(CLIENTS),
                    Long.toString(STEP_MILLIS), Long.toString(IDLE_MILLIS), eventsFile.toString()), AutoscaleLoad.READY)) {
                if (!load.waitFor(Duration.ofMinutes(15))) {
                    throw new IllegalStateException("the load generator did not finish");
                }
            }
            sampling.set(false);
            sampler.join();
            events = AutoscaleEvents.read(eventsFile, started);
            Files.deleteIfExists(eventsFile);
        }
        events.steps().forEach(step -> timeline.step(step[0], step[1]));

        List<Double> scaleUps = new ArrayList<>();
        for (long stepStart : events.stepStarts()) {
            long firstServing = -1;
            synchronized (serving) {
                for (long[] sample : serving) {
                    if (sample[0] >= stepStart && sample[1] >= 2) {
                        firstServing = sample[0];
                        break;
                    }
                }
            }
            if (firstServing < 0) {
                throw new IllegalStateException("a load step never brought a second replica into service");
            }
            scaleUps.add((firstServing - stepStart) / 1000.0 - policy.upscaleDelay().toMillis() / 1000.0);
        }
        double scaleUp = median(scaleUps);
        double fromZero = median(events.coldSeconds());

        timeline.writeCsv(results.resolveSibling("autoscale-timeline.csv"));
        timeline.draw(plot, "Trellis autoscaling, processes topology: a load step of " + CLIENTS
                + " clients, " + rounds + " rounds (upscale delay " + policy.upscaleDelay().toMillis() + " ms)");
        System.out.println("== Autoscaling in the processes topology ==");
        System.out.printf(Locale.ROOT, "scale-up after the %d ms delay, per round: %s s; median %.2f s (target <= 2 s)%n",
                policy.upscaleDelay().toMillis(), format(scaleUps), scaleUp);
        System.out.printf(Locale.ROOT, "first answer from zero replicas, per round: %s s; median %.2f s%n",
                format(events.coldSeconds()), fromZero);
        System.out.println("answered " + events.answered() + ", failed " + events.failed()
                + (events.failed() == 0 ? "" : " (first: " + events.firstFailure() + ")"));
        new ResultsFile()
                .put("scale_up_seconds_after_delay", scaleUp)
                .put("scale_up_seconds_after_delay_max", scaleUps.stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow())
                .put("scale_from_zero_first_response_seconds", fromZero)
                .put("upscale_delay_seconds", policy.upscaleDelay().toMillis() / 1000.0)
                .put("rounds", rounds)
                .put("clients", CLIENTS)
                .put("answered_requests", events.answered())
                .put("failed_requests", events.failed())
                .put("child_jvm_options", String.join(" ", childJvmOptions))
                .put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                        + System.getProperty("java.version"))
                .put("command", command)
                .put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .write(results);
        System.out.println("wrote " + results + ", " + plot);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String format(List<Double> values) {
        return values.stream().map(value -> String.format(Locale.ROOT, "%.2f", value)).toList().toString();
    }
}
