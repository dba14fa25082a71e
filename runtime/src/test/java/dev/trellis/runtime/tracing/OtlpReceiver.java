package dev.trellis.runtime.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP collector in the test's JVM: what exporters (this JVM's and replica processes') send to
 * {@link #endpoint()}, decoded into {@link ReceivedSpan}s.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as it arrived, with its process's resource attributes. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name,
            Map<String, String> attributes, Map<String, String> resource, List<String> linkedSpanIds) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body));
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Where exporters send spans: its {@code /v1/traces} URL. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    /** Every span received so far. */
    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** Waits until the spans received satisfy {@code done}, or fails naming what came. */
    public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(spans())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spans never came; received: " + spans().stream()
                        .map(span -> span.name() + " " + span.traceId()).toList());
            }
            Thread.sleep(50);
        }
        return spans();
    }

    /** The ids of the spans above {@code span} among {@code spans}, nearest first, up to the first not received. */
    public static List<String> ancestors(List<ReceivedSpan> spans, ReceivedSpan span) {
        List<String> ancestors = new ArrayList<>();
        String parent = span.parentSpanId();
        while (!parent.isEmpty()) {
            ancestors.add(parent);
            String id = parent;
            parent = spans.stream().filter(candidate -> candidate.spanId().equals(id)).findFirst()
                    .map(ReceivedSpan::parentSpanId).orElse("");
        }
        return ancestors;
    }

    private void receive(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                    List<String> links = new ArrayList<>();
                    span.getLinksList().forEach(link -> links.add(hex.formatHex(link.getSpanId().toByteArray())));
                    spans.add(new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()),
                            hex.formatHex(span.getSpanId().toByteArray()),
                            hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                            attributes(span.getAttributesList()), resource, links));
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (KeyValue value : values) {
            var any = value.getValue();
            attributes.put(value.getKey(), any.hasIntValue() ? String.valueOf(any.getIntValue()) : any.getStringValue());
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
