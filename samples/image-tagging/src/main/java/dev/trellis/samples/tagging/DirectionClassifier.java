package dev.trellis.samples.tagging;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RgbImage;
import java.util.List;

/**
 * Step 4 (CPU): the direction classifier, batched over text crops of all requests; crops that read upside
 * down come back turned the right way up.
 */
@Deployment(resources = @Resources(cpus = 0.2, memoryMb = 256), maxOngoingRequests = 64)
public final class DirectionClassifier implements AutoCloseable {

    private final OnnxModel model;

    public DirectionClassifier(DeploymentContext context) {
        this.model = OnnxModel.open(ModelDirectory.files().classifier(), OnnxSettings.forReplica(context));
    }

    @Idempotent
    @Batch(maxSize = 16, maxWaitMillis = 5)
    public List<RgbImage> upright(List<RgbImage> crops) {
        FloatTensor output = FloatTensor.of(model.run(OrientationClassification.prepare(crops).toTensor()));
        return OrientationClassification.upright(crops, OrientationClassification.read(output));
    }

    @Override
    public void close() {
        model.close();
    }
}
