package dev.trellis.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trellis.runtime.spi.ApplicationGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The parts of the generated manifest ({@code META-INF/trellis/<app>.yaml}) that the runtime reads:
 * each deployment's {@code config}, with the entries the deployment YAML overrides ({@link DeploymentYaml}). A graph without a manifest on the class path (a hand-written one)
 * has empty configurations.
 */
final class ApplicationManifest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Map<String, Object>> configs;

    private ApplicationManifest(Map<String, Map<String, Object>> configs) {
        this.configs = configs;
    }

    static ApplicationManifest load(ApplicationGraph graph) {
        ApplicationManifest manifest = loadGenerated(DeploymentYaml.original(graph));
        Map<String, Map<String, Object>> configs = new HashMap<>(manifest.configs);
        for (var node : graph.nodes()) {
            Map<String, Object> overrides = DeploymentYaml.configOverrides(graph, node.name());
            if (!overrides.isEmpty()) {
                Map<String, Object> merged = new HashMap<>(configs.getOrDefault(node.name(), Map.of()));
                merged.putAll(overrides); // the deployment YAML wins, entry by entry
                configs.put(node.name(), merged);
            }
        }
        return new ApplicationManifest(configs);
    }

    private static ApplicationManifest loadGenerated(ApplicationGraph graph) {
        ClassLoader loader = graph.getClass().getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(graph.manifestResource())) {
            if (in == null) {
                return new ApplicationManifest(Map.of());
            }
            JsonNode manifest = YAML.readTree(in);
            Map<String, Map<String, Object>> configs = new HashMap<>();
            for (JsonNode deployment : manifest.path("deployments")) {
                JsonNode config = deployment.path("config");
                if (config.isObject()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> values = YAML.convertValue(config, Map.class);
                    configs.put(deployment.path("name").asText(), values);
                }
            }
            return new ApplicationManifest(configs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest " + graph.manifestResource() + " of application '"
                    + graph.name() + "'", e);
        }
    }

    /** The configuration of {@code deployment}; empty when the manifest sets none. */
    Map<String, Object> configOf(String deployment) {
        return configs.getOrDefault(deployment, Map.of());
    }
}
