package dev.trellis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM started on this JVM's class path that announces its port with one line on standard output, as
 * Trellis's replica processes do; its other output is forwarded.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final int port;

    private ChildJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildJvm start(List<String> javaOptions, Class<?> mainClass, List<String> arguments, String readyPrefix)
            throws IOException, InterruptedException {
        return start(mainClass.getSimpleName(), javaOptions, mainClass, arguments, readyPrefix, Duration.ofSeconds(60));
    }

    /**
     * @param name what its forwarded output is marked with, where one main class runs in several JVMs
     * @param startTimeout how long it may take to announce its port before it is killed
     */
    static ChildJvm start(String name, List<String> javaOptions, Class<?> mainClass, List<String> arguments,
            String readyPrefix, Duration startTimeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name + "-stdout").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!ready.isDone() && line.startsWith(readyPrefix + " ")) {
                        ready.complete(Integer.parseInt(line.substring(readyPrefix.length() + 1).trim()));
                    } else {
                        System.out.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited"));
        });
        try {
            return new ChildJvm(process, ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not start" + (e instanceof TimeoutException
                    ? " within " + startTimeout.toSeconds() + " s" : ": " + e), e);
        }
    }

    int port() {
        return port;
    }

    /** Waits for the process to exit by itself, at most {@code timeout}; whether it did. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
    }

    /** Stops the process, forcibly if it has not exited after ten seconds. */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
