package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.onnx.BatchedOnnxTest;
import dev.trellis.runtime.testapp.TestApps;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two servers of one application in one JVM share its meters: both count, gauges add up both, and the
 * first one closing leaves the second's meters in place; the last one closing takes them away.
 */
class SharedMetersTest {

    @Test
    void twoApplicationsOfOneNameShareTheirMetersUntilTheLastCloses() {
        MeterRegistry registry = MeterRegistry.create();
        try (TrellisApplication first = TestApps.start(BatchedOnnxTest.graph());
                TrellisApplication second = TestApps.start(BatchedOnnxTest.graph())) {
            ApplicationMetrics firstMetrics = new ApplicationMetrics(registry, first);
            ApplicationMetrics secondMetrics = new ApplicationMetrics(registry, second);
            firstMetrics.requestFinished("POST", "/classify", "ok", Duration.ofMillis(3));
            secondMetrics.requestFinished("POST", "/classify", "ok", Duration.ofMillis(4));
            assertEquals(2, requests(registry).count());
            assertEquals(2, replicasRunning(registry), "one running replica of each");

            firstMetrics.close();
            secondMetrics.requestFinished("POST", "/classify", "ok", Duration.ofMillis(5));
            firstMetrics.requestFinished("POST", "/classify", "ok", Duration.ofMillis(5)); // closed: not counted
            assertEquals(3, requests(registry).count(), "the second's meters stay and count");
            assertEquals(1, replicasRunning(registry), "the closed one no longer adds its replicas");

            secondMetrics.close();
            assertTrue(registry.meters().stream().noneMatch(meter -> meter.id().name().startsWith("trellis_")),
                    registry.meters().toString());
        }
    }

    private static Counter requests(MeterRegistry registry) {
        for (Meter meter : registry.meters()) {
            if (meter.id().name().equals("trellis_requests") && meter instanceof Counter counter) {
                return counter;
            }
        }
        throw new AssertionError("no trellis_requests in " + registry.meters());
    }

    private static double replicasRunning(MeterRegistry registry) {
        double running = 0;
        for (Meter meter : registry.meters()) {
            if (meter.id().name().equals("trellis_replicas") && "running".equals(meter.id().tagsMap().get("state"))
                    && meter instanceof Gauge<?> gauge) {
                running += gauge.value().doubleValue();
            }
        }
        return running;
    }
}
