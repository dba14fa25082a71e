package dev.trellis.samples.tagging;

import dev.trellis.annotations.Autoscaling;
import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.DbPostprocessor;
import dev.trellis.samples.tagging.ocr.DetectionBatch;
import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.DetectionPreprocessor;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.ProbabilityMap;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.SimilarSizeBatches;
import dev.trellis.samples.tagging.ocr.TextBox;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 3 (GPU-capable): the PP-OCRv4 text detector. It resizes and normalises the pixels it gets (they
 * travel as bytes, a third of their float form); images of several requests of the same input size run
 * as one batch; each probability map becomes boxes in its own image's coordinates.
 *
 * <p>Autoscaled from one to two replicas: each runs one batch at a time on one thread, so one alone
 * leaves a core idle under load (the pipeline benchmark measured 0.65x the monolith's throughput with one);
 * it aims for one image in flight per replica. On a GPU two share a device, half each. The hints fit the whole
 * pipeline at its largest on a 2-core machine; raise {@code max} in the deployment YAML on a bigger one.
 */
@Deployment(autoscaling = @Autoscaling(min = 1, max = 2, targetOngoingRequests = 1),
        resources = @Resources(cpus = 0.3, gpus = 0.5, memoryMb = 1024), maxOngoingRequests = 16)
public final class TextDetector implements AutoCloseable {

    private final OnnxModel model;
    private final DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
    private final DbPostprocessor boxes = DbPostprocessor.create();

    public TextDetector(DeploymentContext context) {
        this.model = OnnxModel.open(ModelDirectory.files().detector(), OnnxSettings.forReplica(context));
    }

    @Idempotent
    @Batch(maxSize = 4, maxWaitMillis = 5)
    public List<List<TextBox>> detect(List<RgbImage> images) {
        List<DetectionInput> inputs = images.stream().map(preprocessor::prepare).toList();
        // Images of the same input size run together; padding a small photo to a large one's size would
        // cost the large one's time again.
        return SimilarSizeBatches.groupedBy(inputs, input -> java.util.Arrays.toString(input.tensor().shape()),
                this::detectSameSize);
    }

    private List<List<TextBox>> detectSameSize(List<DetectionInput> images) {
        FloatTensor maps = FloatTensor.of(model.run(DetectionBatch.stack(images).toTensor()));
        List<List<TextBox>> found = new ArrayList<>(images.size());
        for (ProbabilityMap map : DetectionBatch.split(maps, images)) {
            found.add(boxes.boxes(map));
        }
        return found;
    }

    @Override
    public void close() {
        model.close();
    }
}
