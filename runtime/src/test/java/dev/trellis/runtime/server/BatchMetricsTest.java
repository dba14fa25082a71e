package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.onnx.BatchedOnnxTest;
import dev.trellis.runtime.testapp.TestApps;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches per {@code @Batch} method and size, as the replicas report them, become counters; closing removes them. */
class BatchMetricsTest {

    @Test
    void batchSizesAreCountedPerMethodAndSizeAndGoneWithTheApplication() {
        MeterRegistry registry = MeterRegistry.create();
        try (TrellisApplication app = TestApps.start(BatchedOnnxTest.graph())) {
            ApplicationMetrics metrics = new ApplicationMetrics(registry, app);
            List<DeploymentResponse<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(app.ingress().call(BatchedOnnxTest.CLASSIFY, new Object[] {new float[] {i, 0, 0, 1}}));
            }
            DeploymentResponse.joinAll(calls);
            metrics.replicaMeters().poll(); // what the poller does each second: the counters read its reports

            long calledInBatches = 0;
            for (int size = 1; size <= 8; size++) {
                FunctionalCounter batches = batches(registry, size);
                calledInBatches += size * batches.count();
            }
            assertEquals(16, calledInBatches, "every call ran in one batch");

            metrics.close();
            assertTrue(registry.meters().stream().noneMatch(meter -> meter.id().name().startsWith("trellis_")),
                    "a closed application leaves no meter");
        }
    }

    private static FunctionalCounter batches(MeterRegistry registry, int size) {
        for (Meter meter : registry.meters()) {
            if (meter.id().name().equals("trellis_batches") && meter instanceof FunctionalCounter counter
                    && String.valueOf(size).equals(meter.id().tagsMap().get("size"))
                    && "classify".equals(meter.id().tagsMap().get("method"))) {
                return counter;
            }
        }
        throw new AssertionError("no trellis_batches of size " + size + " in " + registry.meters());
    }
}
