package dev.trellis.samples.tagging;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.Upload;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextCropper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 1: {@code POST /tag} with an image (the bytes as the body, {@code image/png} or {@code image/jpeg},
 * or a multipart form upload) answers the text in it and its tags. The crops of one image are sent to the
 * classifier and the recogniser all at once, so they share batches with the crops of other requests.
 */
@Ingress(path = "/tag")
@Deployment(resources = @Resources(cpus = 0.1, memoryMb = 512), maxOngoingRequests = 32)
public final class TagIngress {

    private final PreprocessorHandle preprocessor;
    private final TextDetectorHandle detector;
    private final DirectionClassifierHandle classifier;
    private final TextRecognizerHandle recognizer;
    private final TaggingHandle tagging;

    public TagIngress(PreprocessorHandle preprocessor, TextDetectorHandle detector,
            DirectionClassifierHandle classifier, TextRecognizerHandle recognizer, TaggingHandle tagging) {
        this.preprocessor = preprocessor;
        this.detector = detector;
        this.classifier = classifier;
        this.recognizer = recognizer;
        this.tagging = tagging;
    }

    @Post
    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public TagReport tag(Upload image) {
        Map<String, Double> timings = new LinkedHashMap<>();
        Stopwatch clock = new Stopwatch(timings);

        PreparedImage prepared = preprocessor.prepare(image).join();
        clock.lap("preprocess");
        List<TextBox> boxes = detector.detect(prepared.pixels()).join();
        clock.lap("detection");
        // Cut here, where the pixels already are: sending the whole image to another step only to cut it
        // would copy it once more.
        List<RgbImage> crops = TextCropper.crop(prepared.pixels(), boxes);
        clock.lap("crop");
        List<RgbImage> upright = DeploymentResponse.joinAll(crops.stream().map(classifier::upright).toList());
        clock.lap("direction");
        List<RecognizedText> texts = DeploymentResponse.joinAll(upright.stream().map(recognizer::recognize).toList());
        clock.lap("recognition");
        Tagged tagged = tagging.tag(boxes, texts, prepared.stats()).join();
        clock.lap("tagging");
        clock.total();
        return new TagReport(prepared.pixels().width(), prepared.pixels().height(), prepared.format(), tagged.texts(),
                tagged.tags(), timings);
    }
}
