package dev.trellis.benchmarks;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxGraphs;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.onnx.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A batched ONNX deployment: a two-layer perceptron over {@value #FEATURES} features, one model run per
 * batch of up to {@value #BATCH} rows. Each caller sends one row and gets its class probabilities. Two
 * replicas of one core each, so that it uses the two cores the raw baseline uses with two sessions; a
 * bounded queue, so that an overload is refused (and counted) instead of piling up.
 */
@Ingress(path = "/classify")
@Deployment(numReplicas = BatchedClassifier.REPLICAS, maxOngoingRequests = 256, maxQueuedRequests = 256,
        resources = @Resources(cpus = 1))
public final class BatchedClassifier implements AutoCloseable {

    static final int FEATURES = 512;
    static final int HIDDEN = 1024;
    static final int CLASSES = 16;
    static final int BATCH = 32;
    static final long MAX_WAIT_MILLIS = 5;
    static final int REPLICAS = 2;
    static final long SEED = 7;

    private final OnnxModel model;

    public BatchedClassifier(DeploymentContext context) {
        this.model = open(OnnxSettings.forReplica(context));
    }

    /** The model, opened as the deployment and the raw baseline both open it. */
    static OnnxModel open(OnnxSettings settings) {
        return OnnxModel.open("mlp", OnnxGraphs.mlp(FEATURES, HIDDEN, CLASSES, SEED), settings);
    }

    @Post
    @Batch(maxSize = BATCH, maxWaitMillis = MAX_WAIT_MILLIS)
    public List<float[]> classify(List<float[]> rows) {
        return classify(model, rows);
    }

    /** One model run over {@code rows}, each row's class probabilities out: what every benchmark model does. */
    static List<float[]> classify(OnnxModel model, List<float[]> rows) {
        float[] probabilities = model.run(Tensor.floats(new long[] {rows.size(), FEATURES}, concat(rows))).floats();
        List<float[]> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            float[] row = new float[CLASSES];
            System.arraycopy(probabilities, i * CLASSES, row, 0, CLASSES);
            results.add(row);
        }
        return results;
    }

    /** The rows one after another, as the model's {@code [batch, features]} input. */
    static float[] concat(List<float[]> rows) {
        float[] batch = new float[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            float[] row = rows.get(i);
            if (row.length != FEATURES) {
                throw new IllegalArgumentException("a row has " + FEATURES + " features, not " + row.length);
            }
            System.arraycopy(row, 0, batch, i * FEATURES, FEATURES);
        }
        return batch;
    }

    @Override
    public void close() {
        model.close();
    }
}
