package dev.trellis.benchmarks;

import dev.trellis.runtime.topology.process.ProcessBackend;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The image-tagging pipeline as hand-written microservices, built as a competent team would without
 * Trellis, to compare Trellis against: one JVM per step replica ({@link FairStep}: front, preprocessor, two
 * text detectors, direction classifier, two text recognisers, tagging), Helidon SE over HTTP/1.1 with
 * keep-alive and {@code TCP_NODELAY}, pixels as raw bytes ({@link RgbBodies}), JSON only for boxes, texts
 * and tags, the front balancing over a step's replicas by fewest calls outstanding ({@link StepClient}).
 * Every step runs the sample's own code ({@link FairSteps}, {@link FairFront}), each model on one thread.
 *
 * <p>This process only starts and stops the others: the front, the ingress, is a child like every step,
 * on the port given, and this process announces {@code READY <port>} once every child answers its health
 * check. Each child gets {@code -Dbench.childJvmOptions} (by default the options Trellis gives its replica
 * JVMs) and its step's heap, and {@code -Dbench.startTimeoutSeconds} (180) to announce its port. SIGTERM stops every child; a child whose parent dies exits by itself.
 *
 * <p>Run: {@code java -Dtrellis.ocr.models=<dir> -cp <benchmarks class path>
 * dev.trellis.benchmarks.FairMicroservices <port>}.
 */
public final class FairMicroservices {

    /** Seven JVMs start side by side, each opening its model: on two busy cores that can take a minute. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("bench.startTimeoutSeconds", 180));
    private static final List<FairStep> BEHIND_THE_FRONT = List.of(FairStep.PREPROCESS, FairStep.DETECT,
            FairStep.CLASSIFY, FairStep.RECOGNIZE, FairStep.TAG);

    private FairMicroservices() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: FairMicroservices <port>   (0 for a free one; models from -Dtrellis.ocr.models)");
            System.exit(2);
        }
        ServerMain.prepare();
        int port = Integer.parseInt(args[0]);
        Path models = OcrModelFiles.fromSystemProperty().detector().getParent(); // a missing model fails here, once
        List<String> javaOptions = new ArrayList<>(childJvmOptions());
        javaOptions.addAll(List.of("-Djava.awt.headless=true",
                "-D" + OcrModelFiles.DIRECTORY_PROPERTY + "=" + models.toAbsolutePath()));
        Children children = new Children();
        try {
            Map<FairStep, List<Integer>> ports = startSteps(javaOptions, children);
            List<String> frontArguments = new ArrayList<>(List.of(FairStep.FRONT.id(), String.valueOf(port)));
            ports.forEach((step, replicas) -> frontArguments.add(FairStepMain.peerArgument(step, replicas)));
            ChildJvm front = children.add(start(FairStep.FRONT, FairStep.FRONT.id(), javaOptions, frontArguments));
            children.checkHealth();
            ServerMain.serveUntilStopped(front.port(), children);
        } catch (Exception | Error e) {
            children.close();
            throw e;
        }
    }

    private static List<String> childJvmOptions() {
        String given = System.getProperty("bench.childJvmOptions");
        return given == null || given.isBlank() ? ProcessBackend.DEFAULT_JAVA_OPTIONS
                : Arrays.asList(given.trim().split("\\s+"));
    }

    /** Starts every replica behind the front, side by side; their ports by step. */
    private static Map<FairStep, List<Integer>> startSteps(List<String> javaOptions, Children children)
            throws Exception {
        Map<FairStep, List<Future<ChildJvm>>> starting = new EnumMap<>(FairStep.class);
        try (ExecutorService starter = Executors.newVirtualThreadPerTaskExecutor()) {
            for (FairStep step : BEHIND_THE_FRONT) {
                for (int replica = 1; replica <= step.replicas(); replica++) {
                    String name = step.id() + "-" + replica;
                    starting.computeIfAbsent(step, ignored -> new ArrayList<>()).add(starter.submit(() ->
                            children.add(start(step, name, javaOptions, List.of(step.id(), "0")))));
                }
            }
        }
        Map<FairStep, List<Integer>> ports = new EnumMap<>(FairStep.class);
        for (Map.Entry<FairStep, List<Future<ChildJvm>>> step : starting.entrySet()) {
            List<Integer> replicas = new ArrayList<>();
            for (Future<ChildJvm> replica : step.getValue()) {
                replicas.add(replica.get().port()); // a replica that did not start fails the whole start
            }
            ports.put(step.getKey(), replicas);
        }
        return ports;
    }

    private static ChildJvm start(FairStep step, String name, List<String> javaOptions, List<String> arguments)
            throws Exception {
        List<String> options = new ArrayList<>(javaOptions);
        options.add(step.heapOption());
        return ChildJvm.start(name, options, FairStepMain.class, arguments, ServerMain.READY, START_TIMEOUT);
    }

    /** The processes started so far; closing stops them all at once. */
    private static final class Children implements AutoCloseable {
        private final List<ChildJvm> started = new ArrayList<>(); // guarded by this

        synchronized ChildJvm add(ChildJvm child) {
            started.add(child);
            return child;
        }

        /** @throws IllegalStateException unless every child answers 200 on its health path */
        void checkHealth() throws Exception {
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                for (ChildJvm child : snapshot()) {
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + child.port() + FairStepMain.HEALTH_PATH))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("The step on port " + child.port() + " answered "
                                + answer.statusCode() + " to its health check");
                    }
                }
            }
        }

        private synchronized List<ChildJvm> snapshot() {
            return List.copyOf(started);
        }

        @Override
        public void close() {
            List<Thread> stopping = new ArrayList<>();
            for (ChildJvm child : snapshot()) {
                stopping.add(Thread.ofPlatform().name("stop-child").start(child::close));
            }
            for (Thread thread : stopping) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
