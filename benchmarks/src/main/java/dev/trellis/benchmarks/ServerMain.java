package dev.trellis.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of a server the benchmarks start as a process of its own ({@link MonolithMain},
 * {@link FairMicroservices} and its children): it says {@value #READY} and its port on standard output
 * once it serves, as a Trellis replica does, and serves until it is stopped with SIGTERM, which closes
 * what it serves before the JVM exits.
 */
final class ServerMain {

    /** The first word of the line that announces the port. */
    static final String READY = "READY";

    /** Kept, so that its level holds: Helidon's INFO lines of every server would bury the benchmark's. */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    private ServerMain() {}

    /** What every such main does first: headless images, Helidon's warnings only. */
    static void prepare() {
        System.setProperty("java.awt.headless", "true");
        HELIDON_LOG.setLevel(Level.WARNING);
    }

    /**
     * Ends this JVM at once when the process that started it ends, killed or not: a child must not
     * outlive the benchmark that started it.
     */
    static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit()
                .thenRun(() -> Runtime.getRuntime().halt(0)));
    }

    /**
     * Closes {@code served} when the JVM is asked to stop, announces {@code port} and waits for that stop.
     * Does not return.
     */
    static void serveUntilStopped(int port, AutoCloseable served) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                served.close();
            } catch (Exception e) {
                System.err.println("Stopping failed: " + e);
            }
        }, "server-stop"));
        System.out.println(READY + " " + port);
        System.out.flush();
        never.await(); // the shutdown hook runs while this waits; the JVM then exits
    }
}
