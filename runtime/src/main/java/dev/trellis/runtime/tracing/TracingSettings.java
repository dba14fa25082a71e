package dev.trellis.runtime.tracing;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where this process's spans go: nowhere (the default: tracing costs nothing then), to an OTLP/HTTP
 * collector, or to the log. Read from {@value #EXPORTER_PROPERTY} and {@value #ENDPOINT_PROPERTY}; a replica
 * process gets the controller's settings on its command line ({@link #javaOptions}).
 *
 * @param exporter where spans go
 * @param endpoint the OTLP/HTTP traces URL, for {@link Exporter#OTLP}
 */
public record TracingSettings(Exporter exporter, URI endpoint) {

    /** {@code none}, {@code otlp} or {@code logging}. */
    public static final String EXPORTER_PROPERTY = "trellis.tracing";
    /** The OTLP/HTTP traces URL; {@value #DEFAULT_ENDPOINT} unless set. */
    public static final String ENDPOINT_PROPERTY = "trellis.tracing.endpoint";
    /** An OpenTelemetry collector on this machine, its OTLP/HTTP port. */
    public static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";

    /** No spans are made. */
    public static final TracingSettings NONE = new TracingSettings(Exporter.NONE, URI.create(DEFAULT_ENDPOINT));

    /** Where spans go. */
    public enum Exporter { NONE, OTLP, LOGGING }

    public TracingSettings {
        Objects.requireNonNull(exporter, "exporter");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Spans to an OTLP/HTTP collector at {@code endpoint} (its {@code /v1/traces} URL). */
    public static TracingSettings otlp(URI endpoint) {
        return new TracingSettings(Exporter.OTLP, endpoint);
    }

    /**
     * The settings {@code property} (a system property lookup) names.
     *
     * @throws IllegalArgumentException naming the property, for a value it does not know
     */
    public static TracingSettings from(UnaryOperator<String> property) {
        String exporter = property.apply(EXPORTER_PROPERTY);
        String endpoint = property.apply(ENDPOINT_PROPERTY);
        Exporter chosen;
        try {
            chosen = exporter == null || exporter.isBlank() ? Exporter.NONE
                    : Exporter.valueOf(exporter.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EXPORTER_PROPERTY + " must be none, otlp or logging, was '" + exporter + "'");
        }
        if (chosen == Exporter.NONE) {
            return NONE; // an endpoint is not read where nothing is sent
        }
        URI uri;
        try {
            uri = URI.create(endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT_PROPERTY + " is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(ENDPOINT_PROPERTY + " must be an http or https URL, was '" + endpoint + "'");
        }
        return new TracingSettings(chosen, uri);
    }

    /**
     * The settings of this JVM: each from its system property, else its environment variable
     * ({@code TRELLIS_TRACING}, {@code TRELLIS_TRACING_ENDPOINT}), as a pod's container sets them.
     */
    public static TracingSettings fromSystem() {
        return from(name -> {
            String value = System.getProperty(name, System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_')));
            return value == null || value.isBlank() ? null : value;
        });
    }

    /**
     * The options that give a replica process these settings, {@code none} too: a replica must not take
     * other settings from the environment it inherits.
     */
    public List<String> javaOptions() {
        return List.of("-D" + EXPORTER_PROPERTY + "=" + exporter.name().toLowerCase(Locale.ROOT),
                "-D" + ENDPOINT_PROPERTY + "=" + endpoint);
    }
}
