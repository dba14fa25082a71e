package dev.trellis.runtime.tracing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * Trellis' log line when the user configured none: time, level, logger, then the application, the
 * deployment and replica (constant in a replica process, per call in the controller's) and the trace id of
 * the call or request the line was written for, as Helidon's formatter reads them from its MDC:
 *
 * <pre>
 * 2026-12-02T14:31:07.118 INFO dev.trellis.samples.hello.Greeter [app=hello deployment=Greeter
 *   replica=Greeter-1 trace=4bf92f3577b34da6a3ce929d0e0e4736] greeting Ada
 * </pre>
 */
public final class LogFormat {

    /** Whether this JVM's log line reads each call's deployment and replica from the MDC. */
    private static volatile boolean namesCalls;

    private LogFormat() {}

    /**
     * Whether a call should put its deployment and replica in the MDC: only where Trellis' log line prints
     * them per call (the controller's JVM). A replica process prints its own as text, and setting them costs
     * each call about 0.3 µs on a fresh virtual thread (docs/benchmarks.md).
     */
    public static boolean namesCalls() {
        return namesCalls;
    }

    /**
     * Uses Trellis' log line in this JVM unless the user configured logging (a {@code logging.properties} on
     * the class path, or {@code java.util.logging.config.file} or {@code .class}).
     *
     * @param deployment the deployment this process runs, or null where it varies by call
     * @param replica the replica this process is, or null where it varies by call
     * @return whether it did
     */
    public static boolean installUnlessConfigured(String application, String deployment, String replica) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null
                || Thread.currentThread().getContextClassLoader().getResource("logging.properties") != null) {
            return false;
        }
        try {
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(
                    properties(application, deployment, replica).getBytes(StandardCharsets.ISO_8859_1)));
            namesCalls = deployment == null;
        } catch (IOException e) {
            throw new UncheckedIOException("the log format could not be set", e);
        }
        return true;
    }

    /** The {@code logging.properties} text of Trellis' log line. */
    static String properties(String application, String deployment, String replica) {
        String format = "%1$tFT%1$tT.%1$tL %4$s %3$s [app=" + escape(application)
                + " deployment=" + (deployment == null ? "%X{" + CallSpans.MDC_DEPLOYMENT + "}" : escape(deployment))
                + " replica=" + (replica == null ? "%X{" + CallSpans.MDC_REPLICA + "}" : escape(replica))
                + " trace=%X{" + CallSpans.MDC_TRACE + "}] %5$s%6$s%n";
        // On standard error, as the JVM's own console handler: a replica process's standard output is its
        // controller's to read.
        return "handlers=java.util.logging.ConsoleHandler\n"
                + ".level=INFO\n"
                + "java.util.logging.ConsoleHandler.formatter=io.helidon.logging.jul.HelidonFormatter\n"
                + "java.util.logging.SimpleFormatter.format=" + format.replace("\\", "\\\\") + "\n";
    }

    /** A name as literal text of a format: no format specifiers in it. */
    private static String escape(String name) {
        return name.replace("%", "%%");
    }
}
