package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.grpc.CallerSecret;
import dev.trellis.runtime.grpc.Member;
import dev.trellis.runtime.grpc.ReplicaControl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One replica process as the controller holds it: the child JVM, the port it announced, and its line for
 * control messages. Its output is forwarded to the controller's, line by line, with the replica's
 * identity in front; the last lines of its error output are kept to explain a failed start.
 */
final class ReplicaProcess {

    private static final int KEPT_ERROR_LINES = 20;

    private final String id;
    private final Process process;
    private final int port;
    private final ReplicaControl control;

    private ReplicaProcess(String id, Process process, int port, CallerSecret secret) {
        this.id = id;
        this.process = process;
        this.port = port;
        this.control = ReplicaControl.connect("127.0.0.1", port, java.util.Optional.of(secret));
    }

    /** The controller's credentials in its environment, which its replica processes do not inherit. */
    static boolean controllersOwn(String variable) {
        return variable.equals("TRELLIS_INGRESS_TOKEN") || variable.equals("TRELLIS_ADMIN_TOKEN")
                || variable.startsWith("TRELLIS_TLS_") || variable.equals(CallerSecret.ENV);
    }

    /**
     * Starts a replica process and waits until it serves.
     *
     * @throws IllegalStateException if it exits or stays silent past {@code startTimeout}; the message
     *     holds the last lines of its error output
     */
    static ReplicaProcess start(String application, String deployment, String id, String classPath,
            List<String> javaOptions, CallerSecret secret, Duration startTimeout,
            java.util.function.Consumer<Process> started) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                System.getProperty("java.home") + "/bin/java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", classPath, ReplicaMain.class.getName(),
                application, deployment, id));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // The controller's own credentials stay with it: a replica runs the user's code, which has no
            // business with the ingress's or the admin API's token or the TLS stores' passwords.
            builder.environment().keySet().removeIf(ReplicaProcess::controllersOwn);
            // Its credentials go in its environment, not on its command line: any user of the machine may read that.
            builder.environment().put(CallerSecret.ENV, secret.text());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a replica process of '" + deployment + "': " + e, e);
        }
        started.accept(process); // from now on, stopping the start ends the process
        // Platform threads: a read from a pipe blocks in native code and would pin a virtual thread's
        // carrier for the replica's whole life, starving other virtual threads.
        Deque<String> errors = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("trellis-" + id + "-stderr").start(() -> forward(process, id, errors));
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("trellis-" + id + "-stdout").start(() -> watchOutput(process, id, ready));
        try {
            int port = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ReplicaProcess(id, process, port, secret);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            String last;
            synchronized (errors) {
                last = String.join("\n", errors);
            }
            throw new IllegalStateException("Replica " + id + " of deployment '" + deployment + "' did not start"
                    + (e instanceof TimeoutException ? " within " + startTimeout.toMillis() + " ms" : "") + ":\n" + last, e);
        }
    }

    private static void watchOutput(Process process, String id, CompletableFuture<Integer> ready) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!ready.isDone() && line.startsWith(ReplicaMain.READY + " ")) {
                    ready.complete(Integer.parseInt(line.substring(ReplicaMain.READY.length() + 1).trim()));
                } else {
                    System.out.println("[" + id + "] " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the process ended"));
    }

    private static void forward(Process process, String id, Deque<String> errors) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.err.println("[" + id + "] " + line);
                synchronized (errors) {
                    errors.addLast(line);
                    if (errors.size() > KEPT_ERROR_LINES) {
                        errors.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit is handled by the controller
        }
    }

    long pid() {
        return process.pid();
    }

    Member member() {
        return new Member(id, "127.0.0.1", port);
    }

    int port() {
        return port;
    }

    /** Completes when the process has ended, for whatever reason. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Its control line: announcements, health checks, load reports. */
    ReplicaControl control() {
        return control;
    }

    /** Ends the process at once, as a crash would. */
    void kill() {
        process.destroyForcibly();
    }

    /** Asks the process to stop (it finishes its running calls), and kills it after {@code grace}. */
    void stop(Duration grace) {
        control.close();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
