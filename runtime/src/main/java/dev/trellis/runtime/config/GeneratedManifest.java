package dev.trellis.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trellis.runtime.graph.ApplicationGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of the generated manifest ({@code META-INF/trellis/<app>.yaml}) that the generated graph does
 * not carry: each deployment's {@code config} defaults (from {@code @Default}). A graph without a
 * manifest on the class path (a hand-written one) has empty configurations.
 */
final class GeneratedManifest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private GeneratedManifest() {}

    /** The {@code config} block of each deployment that has one, by deployment name. */
    static Map<String, Map<String, Object>> configs(ApplicationGraph graph) {
        ClassLoader loader = graph.getClass().getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(graph.manifestResource())) {
            if (in == null) {
                return Map.of();
            }
            Map<String, Map<String, Object>> configs = new HashMap<>();
            for (JsonNode deployment : YAML.readTree(in).path("deployments")) {
                JsonNode config = deployment.path("config");
                if (config.isObject()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = YAML.convertValue(config, Map.class);
                    configs.put(deployment.path("name").asText(), values);
                }
            }
            return configs;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest " + graph.manifestResource() + " of application '"
                    + graph.name() + "'", e);
        }
    }
}
