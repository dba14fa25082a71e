package dev.trellis.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSettingsTest {

    @Test
    void noneIsTheDefaultAndOtlpGoesToALocalCollector() {
        assertEquals(TracingSettings.NONE, TracingSettings.from(Map.<String, String>of()::get));
        TracingSettings otlp = TracingSettings.from(Map.of("trellis.tracing", "OTLP")::get);
        assertEquals(TracingSettings.Exporter.OTLP, otlp.exporter());
        assertEquals(URI.create("http://localhost:4318/v1/traces"), otlp.endpoint());
    }

    @Test
    void aReplicaProcessGetsTheSameSettings() {
        TracingSettings settings = TracingSettings.otlp(URI.create("http://collector:4318/v1/traces"));
        Map<String, String> properties = new java.util.HashMap<>();
        for (String option : settings.javaOptions()) {
            String[] pair = option.substring(2).split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        assertEquals(settings, TracingSettings.from(properties::get));
        assertEquals(List.of("-Dtrellis.tracing=none", "-Dtrellis.tracing.endpoint=http://localhost:4318/v1/traces"),
                TracingSettings.NONE.javaOptions(), "none is said too: a replica does not read the environment's");
        assertEquals(TracingSettings.NONE, TracingSettings.from(Map.of("trellis.tracing", "none",
                "trellis.tracing.endpoint", "not a url")::get), "no endpoint is read where nothing is sent");
    }

    @Test
    void anUnknownExporterOrEndpointIsRefusedNamingTheProperty() {
        IllegalArgumentException exporter = assertThrows(IllegalArgumentException.class,
                () -> TracingSettings.from(Map.of("trellis.tracing", "jaeger")::get));
        assertEquals("trellis.tracing must be none, otlp or logging, was 'jaeger'", exporter.getMessage());
        IllegalArgumentException endpoint = assertThrows(IllegalArgumentException.class,
                () -> TracingSettings.from(Map.of("trellis.tracing", "otlp", "trellis.tracing.endpoint", "ftp://x")::get));
        assertEquals("trellis.tracing.endpoint must be an http or https URL, was 'ftp://x'", endpoint.getMessage());
    }
}
