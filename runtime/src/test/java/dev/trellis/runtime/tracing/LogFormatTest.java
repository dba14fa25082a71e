package dev.trellis.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.logging.common.HelidonMdc;
import io.helidon.logging.jul.HelidonFormatter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A log line names the application, and the deployment, replica and trace of the call it was written for. */
class LogFormatTest {

    @AfterEach
    void restoreTheDefaultConfiguration() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void aLineOfACallCarriesItsDeploymentReplicaAndTrace() throws Exception {
        String line = format(LogFormat.properties("hello", null, null), () -> {
            HelidonMdc.set(CallSpans.MDC_DEPLOYMENT, "Greeter");
            HelidonMdc.set(CallSpans.MDC_REPLICA, "Greeter-1");
            HelidonMdc.set(CallSpans.MDC_TRACE, "4bf92f3577b34da6a3ce929d0e0e4736");
        });
        assertTrue(line.contains(" WARNING dev.trellis.Test [app=hello deployment=Greeter replica=Greeter-1"
                + " trace=4bf92f3577b34da6a3ce929d0e0e4736] it broke"), line);
    }

    @Test
    void aReplicaProcessNamesItselfAndAPercentInANameIsText() throws Exception {
        String line = format(LogFormat.properties("100%", "Pinger", "Pinger-0"), () -> { });
        assertTrue(line.contains("[app=100% deployment=Pinger replica=Pinger-0 trace=] it broke"), line);
    }

    private static String format(String properties, Runnable mdc) throws Exception {
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)));
        mdc.run();
        try {
            LogRecord record = new LogRecord(Level.WARNING, "it broke");
            record.setLoggerName("dev.trellis.Test");
            return new HelidonFormatter().format(record);
        } finally {
            HelidonMdc.clear();
        }
    }
}
