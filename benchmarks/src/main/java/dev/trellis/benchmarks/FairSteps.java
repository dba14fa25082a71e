package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.Tagging;
import dev.trellis.samples.tagging.ocr.CharacterDictionary;
import dev.trellis.samples.tagging.ocr.DbPostprocessor;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.DetectionBatch;
import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.DetectionPreprocessor;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.ImageRejectedException;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.SimilarSizeBatches;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextRecognition;
import dev.trellis.samples.tagging.tags.ImageStats;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The handlers of the fair microservices' steps behind the front ({@link FairFront}), each running the
 * sample's own code on one request's data: pixels arrive raw ({@link RgbBodies}), small results leave as
 * JSON. A model step runs one request at a time, on the model's one intra-op thread, as a Trellis
 * replica runs one batch at a time; a second replica is what lets a second core work.
 */
final class FairSteps {

    /** The preprocessor's answer header naming the upload's format ({@code png}, {@code jpeg}). */
    static final String FORMAT_HEADER = "Image-Format";
    /** The preprocessor's answer header holding the pixels' {@link ImageStats} as JSON (some 200 bytes). */
    static final String STATS_HEADER = "Image-Stats";

    /** What the tagging step takes: the boxes, what was read in each, and the pixels' statistics. */
    record TagInput(List<TextBox> boxes, List<RecognizedText> texts, ImageStats stats) {}

    private FairSteps() {}

    /**
     * {@code POST /preprocess}: the upload's bytes in; its pixels out, upright, with the format and the
     * statistics in headers; 400 and the reason for a body that is not an image.
     */
    static Handler preprocess(ObjectMapper json) {
        ImageDecoding decoding = ImageDecoding.create();
        return (request, response) -> {
            DecodedImage image;
            try {
                image = decoding.decode(PlainHttpServer.body(request), PlainHttpServer.contentType(request));
            } catch (ImageRejectedException e) { // the client's fault, answered as a Trellis ingress does
                PlainHttpServer.sendError(response, Status.BAD_REQUEST_400, e.getMessage());
                return;
            }
            response.header(FORMAT_HEADER, image.format());
            response.header(STATS_HEADER, json.writeValueAsString(ImageStats.of(image.pixels())));
            response.header("Content-Type", RgbBodies.CONTENT_TYPE);
            response.send(RgbBodies.encode(List.of(image.pixels())));
        };
    }

    /** {@code POST /tag}: a {@link TagInput} in, the lines and tags out, by the sample's {@link Tagging}. */
    static Handler tag(ObjectMapper json) {
        Tagging tagging = new Tagging();
        return (request, response) -> {
            TagInput input = json.readValue(PlainHttpServer.body(request), TagInput.class);
            PlainHttpServer.sendJson(response, json.writeValueAsBytes(
                    tagging.tag(input.boxes(), input.texts(), input.stats())));
        };
    }

    /** A step that runs a model, one request at a time; closing it frees the model. */
    abstract static class ModelStep implements Handler, AutoCloseable {
        final ObjectMapper json;
        final OnnxModel model;
        private final ReentrantLock oneAtATime = new ReentrantLock(true);

        ModelStep(ObjectMapper json, OnnxModel model) {
            this.json = json;
            this.model = model;
        }

        @Override
        public final void handle(ServerRequest request, ServerResponse response) throws Exception {
            List<RgbImage> images = RgbBodies.decode(PlainHttpServer.body(request));
            Object answer;
            oneAtATime.lock();
            try {
                answer = answer(images);
            } finally {
                oneAtATime.unlock();
            }
            PlainHttpServer.sendJson(response, json.writeValueAsBytes(answer));
        }

        abstract Object answer(List<RgbImage> images);

        @Override
        public void close() {
            model.close();
        }
    }

    /**
     * {@code POST /detect}: one image's pixels in, its text boxes out. It scales and normalises the image
     * itself, so only the pixels travel, not a float tensor four times their size.
     */
    static final class Detect extends ModelStep {
        private final DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
        private final DbPostprocessor postprocessor = DbPostprocessor.create();

        Detect(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.detector(), settings));
        }

        @Override
        List<TextBox> answer(List<RgbImage> images) {
            if (images.size() != 1) {
                throw new IllegalArgumentException("The detector takes one image a call, not " + images.size());
            }
            DetectionInput input = preprocessor.prepare(images.get(0));
            FloatTensor maps = FloatTensor.of(model.run(input.tensor().toTensor()));
            return postprocessor.boxes(DetectionBatch.split(maps, List.of(input)).get(0));
        }
    }

    /**
     * {@code POST /classify}: one image's crops in, in runs of {@link OcrPipeline#BATCH} of similar shape as
     * the monolith runs them; their orientations out (a few bytes each), which the front applies.
     */
    static final class Classify extends ModelStep {
        Classify(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.classifier(), settings));
        }

        @Override
        Object answer(List<RgbImage> crops) {
            return SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH,
                    batch -> OrientationClassification.read(
                            FloatTensor.of(model.run(OrientationClassification.prepare(batch).toTensor()))));
        }
    }

    /** {@code POST /recognize}: one image's upright crops in, as the monolith batches them; their texts out. */
    static final class Recognize extends ModelStep {
        private final CharacterDictionary dictionary;

        Recognize(ObjectMapper json, OcrModelFiles files, OnnxSettings settings) {
            super(json, OnnxModel.open(files.recognizer(), settings));
            dictionary = CharacterDictionary.load(files.keys());
        }

        @Override
        Object answer(List<RgbImage> crops) {
            return SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH,
                    batch -> TextRecognition.read(FloatTensor.of(model.run(TextRecognition.prepare(batch).toTensor())),
                            dictionary));
        }
    }
}
