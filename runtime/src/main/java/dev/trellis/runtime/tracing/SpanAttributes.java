package dev.trellis.runtime.tracing;

import io.opentelemetry.api.common.AttributeKey;

/** The attributes of Trellis' spans, besides OpenTelemetry's HTTP and RPC conventions. */
public final class SpanAttributes {

    private SpanAttributes() {}

    /** The deployment a call went to. */
    public static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("trellis.deployment");
    /** The method called. */
    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("trellis.method");
    /** The replica that ran it. */
    public static final AttributeKey<String> REPLICA = AttributeKey.stringKey("trellis.replica");
    /** How many calls ran in the batch of a {@code @Batch} method. */
    public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("trellis.batch.size");
    /** How the call or request ended: as the metrics' outcomes. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("trellis.outcome");
}
