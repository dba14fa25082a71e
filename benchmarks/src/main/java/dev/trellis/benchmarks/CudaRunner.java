package dev.trellis.benchmarks;

import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import java.util.List;

/** What the two GPU-check deployments share: the benchmark's perceptron, opened as their placement says. */
final class CudaRunner implements AutoCloseable {

    private final OnnxModel model;

    CudaRunner(DeploymentContext context) {
        this.model = BatchedClassifier.open(OnnxSettings.forReplica(context));
    }

    /** {@code CPU} or {@code CUDA:<device>}. */
    String provider() {
        return model.provider();
    }

    List<float[]> classify(List<float[]> rows) {
        return BatchedClassifier.classify(model, rows);
    }

    @Override
    public void close() {
        model.close();
    }
}
