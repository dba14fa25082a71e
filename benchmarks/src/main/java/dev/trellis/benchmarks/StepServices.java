package dev.trellis.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.PreparedImage;
import dev.trellis.samples.tagging.Tagged;
import dev.trellis.samples.tagging.TextResult;
import dev.trellis.samples.tagging.ocr.CharacterDictionary;
import dev.trellis.samples.tagging.ocr.DbPostprocessor;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.DetectionBatch;
import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.DetectionPreprocessor;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.ImageRejectedException;
import dev.trellis.samples.tagging.ocr.OcrLine;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.SimilarSizeBatches;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextLines;
import dev.trellis.samples.tagging.ocr.TextRecognition;
import dev.trellis.samples.tagging.tags.ImageStats;
import dev.trellis.samples.tagging.tags.Tagger;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * The five steps of the pipeline as the handlers of plain HTTP/JSON services, written the way a team
 * without Trellis would: each takes one request's data as JSON (Jackson's defaults, the sample's own
 * records), runs the sample's step functions and models on it, and answers JSON. Nothing is batched across
 * requests; the crops of one image run in batches of {@link OcrPipeline#BATCH} as in the monolith.
 */
final class StepServices {

    static final TypeReference<List<TextBox>> BOXES = new TypeReference<>() {};
    static final TypeReference<List<RgbImage>> IMAGES = new TypeReference<>() {};
    static final TypeReference<List<RecognizedText>> TEXTS = new TypeReference<>() {};

    /** What the tagging service takes: the boxes, what was read in each, and the pixels' statistics. */
    record TagRequest(List<TextBox> boxes, List<RecognizedText> texts, ImageStats stats) {}

    private StepServices() {}

    /** {@code POST /preprocess}: the upload's bytes in, {@link PreparedImage} out; 400 for a bad image. */
    static Handler preprocess(ObjectMapper json) {
        ImageDecoding decoding = ImageDecoding.create();
        DetectionPreprocessor detection = DetectionPreprocessor.create();
        return (request, response) -> {
            DecodedImage image;
            try {
                image = decoding.decode(PlainHttpServer.body(request), PlainHttpServer.contentType(request));
            } catch (ImageRejectedException e) {
                PlainHttpServer.sendError(response, Status.BAD_REQUEST_400, e.getMessage());
                return;
            }
            PreparedImage prepared = new PreparedImage(image.format(), image.pixels(),
                    detection.prepare(image.pixels()), ImageStats.of(image.pixels()));
            PlainHttpServer.sendJson(response, json.writeValueAsBytes(prepared));
        };
    }

    /** A step that runs a model: closing it frees the model. */
    abstract static class ModelStep implements Handler, AutoCloseable {
        final ObjectMapper json;
        final OnnxModel model;

        ModelStep(ObjectMapper json, OnnxModel model) {
            this.json = json;
            this.model = model;
        }

        @Override
        public final void handle(ServerRequest request, ServerResponse response) throws Exception {
            PlainHttpServer.sendJson(response, json.writeValueAsBytes(answer(PlainHttpServer.body(request))));
        }

        abstract Object answer(byte[] body) throws Exception;

        @Override
        public void close() {
            model.close();
        }
    }

    /** {@code POST /detect}: a {@link DetectionInput} in, its text boxes out. */
    static final class Detect extends ModelStep {
        private final DbPostprocessor boxes = DbPostprocessor.create();

        Detect(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.detector(), settings));
        }

        @Override
        List<TextBox> answer(byte[] body) throws Exception {
            List<DetectionInput> input = List.of(json.readValue(body, DetectionInput.class));
            FloatTensor maps = FloatTensor.of(model.run(DetectionBatch.stack(input).toTensor()));
            return boxes.boxes(DetectionBatch.split(maps, input).get(0));
        }
    }

    /** {@code POST /classify}: one image's crops in, the same crops upright out. */
    static final class Classify extends ModelStep {
        Classify(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.classifier(), settings));
        }

        @Override
        List<RgbImage> answer(byte[] body) throws Exception {
            List<RgbImage> crops = json.readValue(body, IMAGES);
            return OrientationClassification.upright(crops, SimilarSizeBatches.sortedBy(crops,
                    SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH, batch -> OrientationClassification.read(
                            FloatTensor.of(model.run(OrientationClassification.prepare(batch).toTensor())))));
        }
    }

    /** {@code POST /recognize}: one image's upright crops in, the text read in each out. */
    static final class Recognize extends ModelStep {
        private final CharacterDictionary dictionary;

        Recognize(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.recognizer(), settings));
            dictionary = CharacterDictionary.load(files.keys());
        }

        @Override
        List<RecognizedText> answer(byte[] body) throws Exception {
            List<RgbImage> crops = json.readValue(body, IMAGES);
            return SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH,
                    batch -> TextRecognition.read(FloatTensor.of(model.run(TextRecognition.prepare(batch).toTensor())),
                            dictionary));
        }
    }

    /** {@code POST /tag}: a {@link TagRequest} in, the lines and tags ({@link Tagged}) out. */
    static Handler tag(ObjectMapper json) {
        return (request, response) -> {
            TagRequest input = json.readValue(PlainHttpServer.body(request), TagRequest.class);
            List<OcrLine> lines = TextLines.assemble(input.boxes(), input.texts());
            List<TextResult> results = lines.stream().map(TextResult::of).toList();
            List<RecognizedText> read = lines.stream()
                    .map(line -> new RecognizedText(line.text(), line.confidence()))
                    .toList();
            PlainHttpServer.sendJson(response, json.writeValueAsBytes(
                    new Tagged(results, Tagger.tag(read, input.stats()))));
        };
    }
}
