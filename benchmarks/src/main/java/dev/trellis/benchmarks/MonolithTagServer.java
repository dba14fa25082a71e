package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.Stopwatch;
import dev.trellis.samples.tagging.TagReport;
import dev.trellis.samples.tagging.TextResult;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.ImageRejectedException;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;
import dev.trellis.samples.tagging.ocr.OcrResult;
import dev.trellis.samples.tagging.tags.ImageStats;
import dev.trellis.samples.tagging.tags.Tagger;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline as a monolith: one Helidon SE server whose {@code POST /tag} handler decodes the upload and
 * calls the sample's {@link OcrPipeline} (detection, crops, direction, recognition, lines: one class, three
 * models) and {@link Tagger} directly, on the request's own thread, and answers the same JSON as the
 * Trellis application. Requests run side by side, each on its own virtual thread, sharing the three
 * models.
 */
final class MonolithTagServer implements AutoCloseable {

    private final OcrPipeline pipeline;
    private final ImageDecoding decoding = ImageDecoding.create();
    private final ObjectMapper json = new ObjectMapper();
    private final WebServer server;

    private MonolithTagServer(OcrModelFiles files, OnnxSettings settings, int port) {
        pipeline = OcrPipeline.open(files, settings);
        try {
            server = PlainHttpServer.start(port, routing -> routing.post("/tag", this::tag));
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    /** On a free port. */
    static MonolithTagServer start(OcrModelFiles files, OnnxSettings settings) {
        return start(files, settings, 0);
    }

    /** On {@code port}, 0 for a free one. */
    static MonolithTagServer start(OcrModelFiles files, OnnxSettings settings, int port) {
        return new MonolithTagServer(files, settings, port);
    }

    private void tag(ServerRequest request, ServerResponse response) throws Exception {
        Map<String, Double> timings = new LinkedHashMap<>();
        Stopwatch clock = new Stopwatch(timings);
        DecodedImage image;
        try {
            image = decoding.decode(PlainHttpServer.body(request), PlainHttpServer.contentType(request));
        } catch (ImageRejectedException e) {
            PlainHttpServer.sendError(response, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        ImageStats stats = ImageStats.of(image.pixels());
        clock.lap("preprocess");
        OcrResult ocr = pipeline.read(image.pixels());
        clock.lap("ocr");
        List<String> tags = Tagger.tag(ocr.recognized(), stats);
        clock.lap("tagging");
        clock.total();
        TagReport report = new TagReport(ocr.width(), ocr.height(), image.format(),
                ocr.lines().stream().map(TextResult::of).toList(), tags, timings);
        PlainHttpServer.sendJson(response, json.writeValueAsBytes(report));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            pipeline.close();
        }
    }
}
