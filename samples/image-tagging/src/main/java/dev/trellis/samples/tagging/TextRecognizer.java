package dev.trellis.samples.tagging;

import dev.trellis.annotations.Autoscaling;
import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.CharacterDictionary;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.SimilarSizeBatches;
import dev.trellis.samples.tagging.ocr.TextRecognition;
import java.util.List;

/**
 * Step 5 (GPU-capable): the PP-OCRv4 recogniser, fanned out over every crop of every request and batched;
 * greedy CTC decoding with the character list gives each line's text and confidence.
 *
 * <p>Autoscaled from one to two replicas: each runs one batch at a time on one thread, so one alone
 * leaves a core idle under load (the pipeline benchmark measured 0.65x the monolith's throughput with one);
 * it aims for four crops in flight per replica. On a GPU two share a device, half each. The hints fit the whole
 * pipeline at its largest on a 2-core machine; raise {@code max} in the deployment YAML on a bigger one.
 */
@Deployment(autoscaling = @Autoscaling(min = 1, max = 2, targetOngoingRequests = 4),
        resources = @Resources(cpus = 0.3, gpus = 0.5, memoryMb = 1024), maxOngoingRequests = 64)
public final class TextRecognizer implements AutoCloseable {

    private final OnnxModel model;
    private final CharacterDictionary dictionary;

    public TextRecognizer(DeploymentContext context) {
        OcrModelFiles files = ModelDirectory.files();
        this.dictionary = CharacterDictionary.load(files.keys());
        this.model = OnnxModel.open(files.recognizer(), OnnxSettings.forReplica(context));
    }

    @Idempotent
    @Batch(maxSize = 16, maxWaitMillis = 5)
    public List<RecognizedText> recognize(List<RgbImage> crops) {
        // A batch gathers crops of several requests; runs of similar width waste no work on padding and
        // read each crop as the monolith does.
        return SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH, run ->
                TextRecognition.read(FloatTensor.of(model.run(TextRecognition.prepare(run).toTensor())), dictionary));
    }

    @Override
    public void close() {
        model.close();
    }
}
