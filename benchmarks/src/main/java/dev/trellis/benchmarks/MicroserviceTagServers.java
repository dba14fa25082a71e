package dev.trellis.benchmarks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.PreparedImage;
import dev.trellis.samples.tagging.Stopwatch;
import dev.trellis.samples.tagging.TagReport;
import dev.trellis.samples.tagging.Tagged;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.RecognizedText;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextCropper;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as hand-written microservices: one plain Helidon SE HTTP/JSON server per step
 * ({@link StepServices}: preprocess, detect, classify, recognize, tag), each on a port of its own, and a
 * front server whose {@code POST /tag} calls them in turn with {@link HttpClient} and Jackson, in the same
 * order and with the same data as the Trellis application's ingress ({@code TagIngress}): it cuts the
 * crops itself, where the pixels are, and answers the same JSON. All six servers run in this JVM, which
 * spares them the cost of separate processes but not of HTTP, JSON and copies between them.
 */
final class MicroserviceTagServers implements TagVariant {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<AutoCloseable> resources = new ArrayList<>(); // closed last to first
    private final URI preprocess;
    private final URI detect;
    private final URI classify;
    private final URI recognize;
    private final URI tag;
    private final WebServer front;

    private MicroserviceTagServers(OcrModelFiles files, OnnxSettings settings) {
        try {
            preprocess = serve("/preprocess", StepServices.preprocess(json));
            detect = serve("/detect", opened(new StepServices.Detect(json, files, settings)));
            classify = serve("/classify", opened(new StepServices.Classify(json, files, settings)));
            recognize = serve("/recognize", opened(new StepServices.Recognize(json, files, settings)));
            tag = serve("/tag", StepServices.tag(json));
            front = PlainHttpServer.start(routing -> routing.post("/tag", this::tagImage));
            resources.add(front::stop);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    static MicroserviceTagServers start(OcrModelFiles files, OnnxSettings settings) {
        return new MicroserviceTagServers(files, settings);
    }

    private <T extends StepServices.ModelStep> T opened(T step) {
        resources.add(step);
        return step;
    }

    private URI serve(String path, Handler handler) {
        WebServer server = PlainHttpServer.start(routing -> routing.post(path, handler));
        resources.add(server::stop);
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private void tagImage(ServerRequest request, ServerResponse response) throws Exception {
        Map<String, Double> timings = new LinkedHashMap<>();
        Stopwatch clock = new Stopwatch(timings);
        String contentType = PlainHttpServer.contentType(request);
        HttpResponse<byte[]> preprocessed = post(preprocess,
                contentType == null ? "application/octet-stream" : contentType, PlainHttpServer.body(request));
        if (preprocessed.statusCode() == 400) { // the client's image: its fault, and the reason is in the body
            response.status(Status.BAD_REQUEST_400);
            PlainHttpServer.sendJson(response, preprocessed.body());
            return;
        }
        PreparedImage prepared = read("preprocess", preprocessed, new TypeReference<>() {});
        clock.lap("preprocess");
        List<TextBox> boxes = call("detect", detect, prepared.detection(), StepServices.BOXES);
        clock.lap("detection");
        List<RgbImage> crops = TextCropper.crop(prepared.pixels(), boxes);
        clock.lap("crop");
        List<RgbImage> upright = crops.isEmpty() ? List.of() : call("classify", classify, crops, StepServices.IMAGES);
        clock.lap("direction");
        List<RecognizedText> texts = upright.isEmpty() ? List.of()
                : call("recognize", recognize, upright, StepServices.TEXTS);
        clock.lap("recognition");
        Tagged tagged = call("tag", tag, new StepServices.TagRequest(boxes, texts, prepared.stats()),
                new TypeReference<>() {});
        clock.lap("tagging");
        clock.total();
        TagReport report = new TagReport(prepared.pixels().width(), prepared.pixels().height(), prepared.format(),
                tagged.texts(), tagged.tags(), timings);
        PlainHttpServer.sendJson(response, json.writeValueAsBytes(report));
    }

    private <T> T call(String step, URI uri, Object body, TypeReference<T> answer) throws Exception {
        return read(step, post(uri, "application/json", json.writeValueAsBytes(body)), answer);
    }

    private HttpResponse<byte[]> post(URI uri, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .timeout(CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> T read(String step, HttpResponse<byte[]> response, TypeReference<T> answer) throws Exception {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The " + step + " service answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readValue(response.body(), answer);
    }

    @Override
    public String name() {
        return "microservices";
    }

    @Override
    public int port() {
        return front.port();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping the microservices failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        http.close();
        if (failure != null) {
            throw failure;
        }
    }
}
