package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.Applications;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest the processor wrote for the sample, read back as YAML. */
class HelloManifestTest {

    @Test
    void manifestListsTheThreeDeploymentsWithHintsAndEdges() throws Exception {
        ApplicationGraph graph = Applications.find("hello");
        JsonNode manifest;
        try (InputStream yaml = HelloManifestTest.class.getClassLoader()
                .getResourceAsStream(graph.manifestResource())) {
            assertNotNull(yaml, graph.manifestResource() + " is on the class path");
            manifest = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        }
        assertEquals("hello", manifest.get("name").asText());
        assertEquals("HelloIngress", manifest.get("ingress").asText());

        Map<String, JsonNode> deployments = new HashMap<>();
        manifest.get("deployments").forEach(node -> deployments.put(node.get("name").asText(), node));
        assertEquals(3, deployments.size());

        JsonNode greeter = deployments.get("Greeter");
        assertEquals(2, greeter.get("numReplicas").asInt());
        assertEquals(0.5, greeter.get("resources").get("cpus").asDouble());
        assertEquals(64, greeter.get("resources").get("memoryMb").asInt());
        assertEquals(0, greeter.get("edges").size());

        JsonNode shouter = deployments.get("Shouter");
        assertEquals(0.25, shouter.get("resources").get("cpus").asDouble());
        assertEquals(16, shouter.get("maxOngoingRequests").asInt());

        JsonNode ingress = deployments.get("HelloIngress");
        assertEquals(List.of("Greeter", "Shouter"),
                List.of(ingress.get("edges").get(0).asText(), ingress.get("edges").get(1).asText()));
        assertEquals(-1, ingress.get("maxQueuedRequests").asInt());
    }

    @Test
    void graphOrdersDependenciesBeforeTheIngress() {
        List<String> order = Applications.find("hello").nodes().stream().map(node -> node.name()).toList();
        assertEquals(List.of("Greeter", "Shouter", "HelloIngress"), order);
    }
}
