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
import java.time.Duration;
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

    private static final Installation PROPAGATING = new Installation(OpenTelemetry.propagating(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance())), null);
    private static volatile Installation current = PROPAGATING;

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

        /** Sends the spans still held and stops recording; the process propagates trace context only. */
        @Override
        public void close() {
            synchronized (Tracing.class) {
                if (current == this) {
                    current = PROPAGATING;
                }
            }
            if (sdk != null) {
                sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
                sdk.shutdown().join(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Installs tracing for this process, replacing the one before (which is no longer current but stays
     * open until its owner closes it).
     *
     * @param serviceName the application's name: the {@code service.name} of every span
     * @param resource more attributes of this process, such as the deployment and replica it runs
     */
    public static Installation install(TracingSettings settings, String serviceName, Map<String, String> resource) {
        Installation installed;
        if (settings.exporter() == TracingSettings.Exporter.NONE) {
            installed = new Installation(PROPAGATING.openTelemetry, null);
        } else {
            AttributesBuilder attributes = Attributes.builder().put("service.name", serviceName);
            resource.forEach(attributes::put);
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault().merge(Resource.create(attributes.build())))
                    .addSpanProcessor(BatchSpanProcessor.builder(exporter(settings)).setScheduleDelay(EXPORT_DELAY).build())
                    .build();
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
            installed = new Installation(sdk, sdk);
        }
        synchronized (Tracing.class) {
            current = installed;
        }
        return installed;
    }

    private static SpanExporter exporter(TracingSettings settings) {
        return switch (settings.exporter()) {
            case OTLP -> OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint().toString()).build();
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

    private static final ClientInterceptor CLIENT = new ClientInterceptor() {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return current.client.interceptCall(method, options, next);
        }
    };

    private static final ServerInterceptor SERVER = new ServerInterceptor() {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            return current.server.interceptCall(call, headers, next);
        }
    };
}
