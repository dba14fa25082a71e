package dev.trellis.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.samples.tagging.Stopwatch;
import dev.trellis.samples.tagging.TagReport;
import dev.trellis.samples.tagging.Tagged;
import dev.trellis.samples.tagging.ocr.Orientation;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextCropper;
import dev.trellis.samples.tagging.tags.ImageStats;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fair microservices' ingress, {@code POST /tag}: calls the steps in the order and with the data of
 * the Trellis sample's {@code TagIngress}, and answers the same {@link TagReport}. The upload goes to the
 * preprocessor as it came; the pixels it answers go on to a detector as they are, in the same bytes; the
 * front cuts the crops where the pixels are, sends them all at once to the classifier, turns those it says
 * are upside down, sends them all at once to a recogniser, then boxes, texts and statistics to the tagging
 * step as JSON.
 */
final class FairFront implements AutoCloseable {

    private static final TypeReference<List<TextBox>> BOXES = new TypeReference<>() {};
    private static final TypeReference<List<Orientation>> ORIENTATIONS = new TypeReference<>() {};
    private static final TypeReference<List<RecognizedText>> TEXTS = new TypeReference<>() {};
    private static final String JSON = "application/json";

    private final ObjectMapper json;
    private final StepClient preprocessor;
    private final StepClient detector;
    private final StepClient classifier;
    private final StepClient recognizer;
    private final StepClient tagging;

    /** @param ports the ports of each step's replicas */
    FairFront(ObjectMapper json, Map<FairStep, List<Integer>> ports) {
        this.json = json;
        this.preprocessor = client(FairStep.PREPROCESS, ports);
        this.detector = client(FairStep.DETECT, ports);
        this.classifier = client(FairStep.CLASSIFY, ports);
        this.recognizer = client(FairStep.RECOGNIZE, ports);
        this.tagging = client(FairStep.TAG, ports);
    }

    private static StepClient client(FairStep step, Map<FairStep, List<Integer>> ports) {
        return StepClient.of(step.id(), step.path(), ports.getOrDefault(step, List.of()));
    }

    void handle(ServerRequest request, ServerResponse response) {
        try {
            tag(request, response);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            PlainHttpServer.sendError(response, Status.INTERNAL_SERVER_ERROR_500, String.valueOf(e.getMessage()));
        }
    }

    private void tag(ServerRequest request, ServerResponse response) throws Exception {
        Map<String, Double> timings = new LinkedHashMap<>();
        Stopwatch clock = new Stopwatch(timings);
        String contentType = PlainHttpServer.contentType(request);
        HttpResponse<byte[]> preprocessed = preprocessor.post(contentType == null ? RgbBodies.CONTENT_TYPE : contentType,
                PlainHttpServer.body(request));
        if (preprocessed.statusCode() == Status.BAD_REQUEST_400.code()) { // not an image: the reason is in the body
            response.status(Status.BAD_REQUEST_400);
            PlainHttpServer.sendJson(response, preprocessed.body());
            return;
        }
        byte[] pixelsBody = preprocessor.ok(preprocessed);
        RgbImage pixels = RgbBodies.decodeOne(pixelsBody);
        String format = header(preprocessed, FairSteps.FORMAT_HEADER);
        ImageStats stats = json.readValue(header(preprocessed, FairSteps.STATS_HEADER), ImageStats.class);
        clock.lap("preprocess");
        List<TextBox> boxes = json.readValue(detector.call(RgbBodies.CONTENT_TYPE, pixelsBody), BOXES);
        clock.lap("detection");
        List<RgbImage> crops = TextCropper.crop(pixels, boxes);
        clock.lap("crop");
        List<RgbImage> upright = crops.isEmpty() ? List.of() : OrientationClassification.upright(crops,
                json.readValue(classifier.call(RgbBodies.CONTENT_TYPE, RgbBodies.encode(crops)), ORIENTATIONS));
        clock.lap("direction");
        List<RecognizedText> texts = upright.isEmpty() ? List.of()
                : json.readValue(recognizer.call(RgbBodies.CONTENT_TYPE, RgbBodies.encode(upright)), TEXTS);
        clock.lap("recognition");
        Tagged tagged = json.readValue(tagging.call(JSON, json.writeValueAsBytes(
                new FairSteps.TagInput(boxes, texts, stats))), Tagged.class);
        clock.lap("tagging");
        clock.total();
        PlainHttpServer.sendJson(response, json.writeValueAsBytes(new TagReport(pixels.width(), pixels.height(), format,
                tagged.texts(), tagged.tags(), timings)));
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new IllegalStateException(
                "The preprocessor's answer lacks the header " + name));
    }

    @Override
    public void close() {
        for (StepClient client : List.of(preprocessor, detector, classifier, recognizer, tagging)) {
            client.close();
        }
    }
}
