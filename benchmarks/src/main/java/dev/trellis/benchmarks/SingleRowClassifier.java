package dev.trellis.benchmarks;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import java.util.List;

/**
 * {@link BatchedClassifier} with batches of one row: the same model, replicas, limits and code path, so
 * that the difference between the two is what batching buys.
 */
@Ingress(path = "/classify")
@Deployment(numReplicas = BatchedClassifier.REPLICAS, maxOngoingRequests = 256, maxQueuedRequests = 256,
        resources = @Resources(cpus = 1))
public final class SingleRowClassifier implements AutoCloseable {

    private final OnnxModel model;

    public SingleRowClassifier(DeploymentContext context) {
        this.model = BatchedClassifier.open(OnnxSettings.forReplica(context));
    }

    @Post
    @Batch(maxSize = 1, maxWaitMillis = 0)
    public List<float[]> classify(List<float[]> rows) {
        return BatchedClassifier.classify(model, rows);
    }

    @Override
    public void close() {
        model.close();
    }
}
