package dev.trellis.runtime.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * This process's tracing: one installation at a time, made by the controller or a replica process at
 * start from its {@link TracingSettings} and closed (its spans flushed) when it stops. Until then, and
 * with {@link TracingSettings#NONE}, spans are not recorded but a caller's W3C trace context still passes
 * through, so a trace that enters a process without an exporter goes on past it.
 *
 * <p>Trellis' spans and OpenTelemetry's gRPC interceptors read the installation on every call, so channels
 * and servers made before it are traced as well.
 */
public final class Tracing {

    private static final String INSTRUMENTATION = "dev.trellis.runtime";
    /** Spans wait at most this long in memory before they are sent: a trace shows up within a second. */
    private static final Duration EXPORT_DELAY = Duration.ofMillis(500);
    /** How long one export may take, and how long a closing installation waits for its spans to go. */
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);

    private static final Installation PROPAGATING = new Installation(OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance())), null);
    private static volatile Installation current = PROPAGATING;
    /** The installations not closed yet, oldest first: the newest is current. */
    private static final List<Installation> OPEN = new ArrayList<>(); // guarded by Tracing.class

    private Tracing() {}

    /** One configured SDK, until closed. */
    public static final class Installation implements AutoCloseable {
        private final OpenTelemetry openTelemetry;
        private final OpenTelemetrySdk sdk; // null: nothing recorded
        private final Tracer tracer;
        private final ClientInterceptor client;
        private final ServerInterceptor server;

        private Installation(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
            this.openTelemetry = openTelemetry;
            this.sdk = sdk;
            this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
            GrpcTelemetry grpc = GrpcTelemetry.builder(openTelemetry).setEmitMessageEvents(false).build();
            this.client = grpc.createClientInterceptor();
            this.server = grpc.createServerInterceptor();
        }

        /**
         * Sends the spans still held (a few seconds at most: a collector that is down must not hold up a
         * stopping process) and stops recording; the installation opened before it, if still open, is
         * current again.
         */
        @Override
        public void close() {
            if (sdk == null) {
                return; // propagation only: nothing was installed
            }
            synchronized (Tracing.class) {
                OPEN.remove(this);
                current = OPEN.isEmpty() ? PROPAGATING : OPEN.getLast();
            }
            sdk.getSdkTracerProvider().forceFlush().join(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            sdk.shutdown().join(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Installs tracing for this process: it is current until closed, or until another is installed
     * (then current again once that one closes). {@link TracingSettings#NONE} installs nothing and
     * leaves the current one as it is: another application of this JVM may be traced.
     *
     * @param serviceName the application's name: the {@code service.name} of every span
     * @param resource more attributes of this process, such as the deployment and replica it runs
     */
    public static Installation install(TracingSettings settings, String serviceName, Map<String, String> resource) {
        if (settings.exporter() == TracingSettings.Exporter.NONE) {
            return PROPAGATING;
        }
        AttributesBuilder attributes = Attributes.builder().put("service.name", serviceName);
        resource.forEach(attributes::put);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(attributes.build())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(settings)).setScheduleDelay(EXPORT_DELAY).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        Installation installed = new Installation(sdk, sdk);
        synchronized (Tracing.class) {
            OPEN.add(installed);
            current = installed;
        }
        return installed;
    }

    private static SpanExporter exporter(TracingSettings settings) {
        return switch (settings.exporter()) {
            case OTLP -> OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint().toString())
                    .setTimeout(EXPORT_TIMEOUT).build();
            case LOGGING -> LoggingSpanExporter.create();
            case NONE -> throw new IllegalArgumentException("no exporter");
        };
    }

    /** The tracer Trellis' spans come from. */
    public static Tracer tracer() {
        return current.tracer;
    }

    /** The installed OpenTelemetry: its propagators read and write W3C trace context. */
    public static OpenTelemetry openTelemetry() {
        return current.openTelemetry;
    }

    /** OpenTelemetry's client interceptor of the installation current at each call: a client span, and the context sent. */
    public static ClientInterceptor clientInterceptor() {
        return CLIENT;
    }

    /** OpenTelemetry's server interceptor of the installation current at each call: the context read, a server span. */
    public static ServerInterceptor serverInterceptor() {
        return SERVER;
    }

    // Without an SDK there is nothing to record: a call with no trace to pass on, or one that brings none,
    // skips OpenTelemetry's instrumenter (its attribute extraction runs even when nothing records).
    private static final ClientInterceptor CLIENT = new ClientInterceptor() {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            Installation installed = current;
            if (installed.sdk == null && !Span.current().getSpanContext().isValid()) {
                return next.newCall(method, options);
            }
            return installed.client.interceptCall(method, options, next);
        }
    };

    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final ServerInterceptor SERVER = new ServerInterceptor() {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            Installation installed = current;
            if (installed.sdk == null && !headers.containsKey(TRACEPARENT)) {
                return next.startCall(call, headers);
            }
            return installed.server.interceptCall(call, headers, next);
        }
    };

    /** Whether spans are recorded in this process now; when not, only a caller's trace context is passed on. */
    public static boolean recording() {
        return current.sdk != null;
    }
}
