package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.onnx.BatchedOnnxTest;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHandlerTest {

    @Test
    void batchSizesAreCountedPerMethodAndSize() {
        try (TrellisApplication app = TestApps.start(BatchedOnnxTest.graph())) {
            List<DeploymentResponse<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(app.ingress().call(BatchedOnnxTest.CLASSIFY, new Object[] {new float[] {i, 0, 0, 1}}));
            }
            DeploymentResponse.joinAll(calls);

            String text = new MetricsHandler(app).render();

            assertTrue(text.contains("# TYPE trellis_batches_total counter\n"), text);
            assertTrue(text.contains("trellis_batches_total{deployment=\"Classifier\",method=\"classify\",size=\"1\"} "),
                    text);
            assertTrue(text.contains("trellis_batches_total{deployment=\"Classifier\",method=\"classify\",size=\"8\"} "),
                    text);
            assertTrue(text.contains("trellis_queued_calls{deployment=\"Classifier\"} 0\n"), text);
        }
    }
}
