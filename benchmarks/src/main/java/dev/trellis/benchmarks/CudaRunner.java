package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.onnx.Tensor;
import dev.trellis.runtime.spi.DeploymentContext;
import java.util.ArrayList;
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
        float[] batch = new float[rows.size() * BatchedClassifier.FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, batch, i * BatchedClassifier.FEATURES, BatchedClassifier.FEATURES);
        }
        float[] out = model.run(Tensor.floats(new long[] {rows.size(), BatchedClassifier.FEATURES}, batch)).floats();
        List<float[]> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            float[] row = new float[BatchedClassifier.CLASSES];
            System.arraycopy(out, i * BatchedClassifier.CLASSES, row, 0, BatchedClassifier.CLASSES);
            results.add(row);
        }
        return results;
    }

    @Override
    public void close() {
        model.close();
    }
}
