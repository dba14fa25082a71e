package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.runtime.topology.process.ProcessBackend;
import dev.trellis.runtime.tracing.OtlpReceiver;
import dev.trellis.runtime.tracing.OtlpReceiver.ReceivedSpan;
import dev.trellis.runtime.tracing.TracingSettings;
import dev.trellis.samples.tagging.TextImages.Style;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One request to the image-tagging sample is one trace, received over OTLP in this JVM: the client's
 * span, the ingress request, the ingress deployment's call and under it the detector's and the
 * recogniser's calls (each also in a batch span that links it), in one JVM and across replica processes.
 */
class PipelineTracingTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = {"LOCAL", "PROCESSES"})
    void aRequestIsOneTraceFromTheIngressThroughTheDetectorToTheRecogniser(Topology topology) throws Exception {
        List<String> replicaOptions = new ArrayList<>(ProcessBackend.DEFAULT_JAVA_OPTIONS);
        replicaOptions.add("-Dtrellis.ocr.models=" + System.getProperty("trellis.ocr.models"));
        replicaOptions.add("-Djava.awt.headless=true");
        try (OtlpReceiver receiver = new OtlpReceiver(); HttpClient client = HttpClient.newHttpClient()) {
            TrellisServer server = TrellisServer.builder().application("image-tagging").host("127.0.0.1").port(0)
                    .adminPort(-1).topology(topology).replicaJavaOptions(replicaOptions)
                    .tracing(TracingSettings.otlp(receiver.endpoint())).build().start();
            try {
                byte[] png = TextImages.png(TextImages.render(Style.plain(), "HELLO 2026"));
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/tag")).header("Content-Type", "image/png")
                        .header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01").timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("HELLO 2026"), answer.body());

                // Each process sends its spans in batches of its own: wait until the chain from the request
                // down to both calls has come whole.
                List<ReceivedSpan> spans = receiver.await(received -> reachesTheRequest(received, "TextDetector.detect")
                        && reachesTheRequest(received, "TextRecognizer.recognize"), TIMEOUT);

                ReceivedSpan request = inTrace(spans, "POST /tag").orElseThrow();
                ReceivedSpan detect = inTrace(spans, "TextDetector.detect").orElseThrow();
                ReceivedSpan recognize = inTrace(spans, "TextRecognizer.recognize").orElseThrow();
                assertEquals(CLIENT_SPAN, request.parentSpanId());
                ReceivedSpan ingress = spans.stream().filter(span -> span.traceId().equals(TRACE)
                        && "TagIngress".equals(span.attributes().get("trellis.deployment"))).findFirst().orElseThrow();
                assertTrue(OtlpReceiver.ancestors(spans, ingress).contains(request.spanId()),
                        "the ingress call is under the request");
                assertTrue(OtlpReceiver.ancestors(spans, detect).contains(ingress.spanId()),
                        "the detector is called by the ingress");
                assertTrue(OtlpReceiver.ancestors(spans, recognize).contains(ingress.spanId()), "so is the recogniser");
                assertTrue(spans.stream().anyMatch(span -> span.name().equals("TextDetector.detect batch")
                        && span.linkedSpanIds().contains(detect.spanId())), "the detector's batch links its call");
                if (topology == Topology.PROCESSES) {
                    assertTrue(detect.resource().get("trellis.replica").startsWith("TextDetector-"),
                            "sent by the detector's own process: " + detect.resource());
                    assertTrue(recognize.resource().get("trellis.replica").startsWith("TextRecognizer-"),
                            "sent by the recogniser's own process: " + recognize.resource());
                }
            } finally {
                server.stop();
            }
        }
    }

    private static boolean reachesTheRequest(List<ReceivedSpan> spans, String name) {
        return inTrace(spans, name).map(span -> OtlpReceiver.ancestors(spans, span))
                .filter(ancestors -> !ancestors.isEmpty() && ancestors.getLast().equals(CLIENT_SPAN)).isPresent();
    }

    private static Optional<ReceivedSpan> inTrace(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.traceId().equals(TRACE) && span.name().equals(name)).findFirst();
    }
}
