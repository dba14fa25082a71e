package dev.trellis.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.onnx.BatchedOnnxTest;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.runtime.testapp.HelloApplication;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.topology.process.HealthApplication;
import dev.trellis.runtime.tracing.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One trace across every hop, received over OTLP by a collector in this JVM: a client's W3C trace context
 * at the HTTP ingress, handle calls in one JVM, gRPC to a replica process, and a batch that links the
 * calls it joined.
 */
class TracingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Test
    void aClientsTraceGoesOnThroughTheIngressAndEveryCallMadeForIt() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver(); HttpClient client = HttpClient.newHttpClient()) {
            TrellisServer server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                    .adminPort(-1).tracing(TracingSettings.otlp(receiver.endpoint())).build().start();
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/hello")).header("Content-Type", "application/json")
                        .header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), answer.body());

                List<ReceivedSpan> spans = receiver.await(received -> named(received, "Greeter.greet").isPresent()
                        && named(received, "Shouter.shout").isPresent() && named(received, "POST /hello").isPresent()
                        && named(received, "HelloIngress.hello").isPresent(), TIMEOUT);

                ReceivedSpan request = named(spans, "POST /hello").orElseThrow();
                ReceivedSpan ingress = named(spans, "HelloIngress.hello").orElseThrow();
                ReceivedSpan greet = named(spans, "Greeter.greet").orElseThrow();
                assertEquals(TRACE, request.traceId());
                assertEquals(CLIENT_SPAN, request.parentSpanId(), "the client's span is the request's parent");
                assertEquals("200", request.attributes().get("http.response.status_code"));
                assertEquals(request.spanId(), ingress.parentSpanId());
                assertEquals(ingress.spanId(), greet.parentSpanId(), "a handle call is a child of its caller's call");
                assertEquals(TRACE, greet.traceId());
                assertEquals("Greeter", greet.attributes().get("trellis.deployment"));
                assertEquals("greet", greet.attributes().get("trellis.method"));
                assertTrue(greet.attributes().get("trellis.replica").startsWith("Greeter-"), greet.toString());
                assertEquals("ok", greet.attributes().get("trellis.outcome"));
                assertEquals("hello", greet.resource().get("service.name"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the parent scope is held, not read
    void aTraceCrossesIntoAReplicaProcessOverGrpc() throws Exception {
        DeploymentMethod<String> ping = new DeploymentMethod<>("Pinger", "ping", 0);
        try (OtlpReceiver receiver = new OtlpReceiver();
                TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                        .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1"))
                        .tracing(TracingSettings.otlp(receiver.endpoint())).start()) {
            try (Scope parent = Context.root().with(Span.wrap(SpanContext.create(TRACE, CLIENT_SPAN, TraceFlags.getSampled(),
                    TraceState.getDefault()))).makeCurrent()) {
                assertEquals("pong:x", app.ingress().call(ping, new Object[] {"x"}).join());
            }

            // The replica's spans and this JVM's client span arrive in batches of their own, in any order.
            List<ReceivedSpan> spans = receiver.await(received -> named(received, "Pinger.ping")
                    .map(call -> OtlpReceiver.ancestors(received, call).getLast().equals(CLIENT_SPAN)).orElse(false), TIMEOUT);

            ReceivedSpan call = named(spans, "Pinger.ping").orElseThrow();
            assertEquals(TRACE, call.traceId());
            assertEquals("Pinger-0", call.resource().get("trellis.replica"), "sent by the replica process");
            assertEquals("health-test", call.resource().get("service.name"));
            // Up from the call: gRPC's server span in the replica, its client span here, then the caller's span.
            List<String> ancestors = OtlpReceiver.ancestors(spans, call);
            assertEquals(CLIENT_SPAN, ancestors.getLast(), "ancestors " + ancestors + " of " + spans);
            assertTrue(ancestors.size() >= 3, "the gRPC hop has its client and server spans: " + ancestors);
        }
    }

    @Test
    void aBatchSpanLinksTheCallsItJoined() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
                TrellisApplication app = TestApps.builder(BatchedOnnxTest.graph())
                        .tracing(TracingSettings.otlp(receiver.endpoint())).start()) {
            List<DeploymentResponse<float[]>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(app.ingress().call(BatchedOnnxTest.CLASSIFY, new Object[] {new float[] {i, 0, 0, 1}}));
            }
            DeploymentResponse.joinAll(calls);

            List<ReceivedSpan> spans = receiver.await(received -> received.stream()
                    .filter(span -> span.name().equals("Classifier.classify")).count() == 6, TIMEOUT);

            List<String> callSpans = spans.stream().filter(span -> span.name().equals("Classifier.classify"))
                    .map(ReceivedSpan::spanId).toList();
            List<ReceivedSpan> batches = spans.stream().filter(span -> span.name().equals("Classifier.classify batch"))
                    .toList();
            List<String> linked = batches.stream().flatMap(batch -> batch.linkedSpanIds().stream()).toList();
            assertEquals(callSpans.stream().sorted().toList(), linked.stream().sorted().toList(),
                    "each call is linked from the one batch it ran in");
            assertEquals(6, batches.stream().mapToInt(batch -> Integer.parseInt(batch.attributes()
                    .get("trellis.batch.size"))).sum());
        }
    }

    private static Optional<ReceivedSpan> named(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(span -> span.name().equals(name)).findFirst();
    }
}
