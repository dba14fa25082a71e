package dev.trellis.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One system the performance benchmark loads, started as a process of its own (a JVM, or Ray Serve's
 * driver) with its output in a log file: its cold start is the time from starting the process to the
 * first 200 answer to a real request, and its CPU is the sum over the process and all its descendants
 * (replica JVMs, Ray's workers), read from the operating system.
 */
final class ServedSystem implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** A request that must answer 200 once the system serves: where to post what. */
    record Probe(String path, String contentType, byte[] body) {}

    private final String name;
    private final int port;
    private final Process process;
    private final double coldStartSeconds;

    private ServedSystem(String name, int port, Process process, double coldStartSeconds) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.coldStartSeconds = coldStartSeconds;
    }

    /**
     * Starts {@code command} and waits until {@code probe} answers 200 on {@code port}.
     *
     * @throws IllegalStateException if the process exits first or {@code timeout} passes; its log says why
     */
    static ServedSystem start(String name, List<String> command, java.util.Map<String, String> environment,
            Path workingDirectory, Path log, int port, Probe probe, Duration timeout)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        URI uri = URI.create("http://127.0.0.1:" + port + probe.path());
        long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it served; see "
                        + log);
            }
            if (answers(uri, probe)) {
                return new ServedSystem(name, port, process, (System.nanoTime() - started) / 1e9);
            }
            Thread.sleep(50);
        }
        stop(process);
        throw new IllegalStateException(name + " did not answer " + probe.path() + " within " + timeout + "; see " + log);
    }

    private static boolean answers(URI uri, Probe probe) throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", probe.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(probe.body()))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    double coldStartSeconds() {
        return coldStartSeconds;
    }

    /** CPU seconds used so far by the process and every process under it that is still alive. */
    double cpuSeconds() {
        return Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
                .mapToDouble(handle -> handle.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .sum();
    }

    /** Stops it as an operator would (SIGTERM), forcibly after 30 seconds, its descendants with it. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        Processes.stop(process, Duration.ofSeconds(30));
        descendants.forEach(ProcessHandle::destroyForcibly); // none should be left; never leak one
    }
}
