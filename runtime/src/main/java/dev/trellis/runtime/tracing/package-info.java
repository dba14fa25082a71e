/**
 * Traces: the OpenTelemetry SDK of this process, chosen by {@link dev.trellis.runtime.tracing.TracingSettings}
 * (none by default, OTLP or logging), W3C trace context on every hop (HTTP ingress, handle calls in one
 * JVM, gRPC between processes through OpenTelemetry's interceptors), the span attributes Trellis writes,
 * and the trace id in the logs.
 */
package dev.trellis.runtime.tracing;
