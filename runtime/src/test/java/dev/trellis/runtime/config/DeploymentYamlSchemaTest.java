package dev.trellis.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema editors check a deployment YAML with agrees with the reader: what Trellis writes passes
 * it, what the reader refuses for its shape fails it, and the build ships the schema the reader checks.
 */
class DeploymentYamlSchemaTest {

    private static final Schema SCHEMA = SchemaRegistry.withDialect(Dialects.getDraft202012())
            .getSchema(DeploymentYamlSchema.toJson(), InputFormat.JSON);

    private static ApplicationGraph graph() {
        DeploymentNode<String> autoscaled = new DeploymentNode<>("Greeter", DeploymentSpec.autoscaled(
                AutoscalingSpec.between(0, 4), 8, 20, new ResourceSpec(0.5, 0.25, 256), HealthSpec.DEFAULT), List.of(),
                context -> "hi", (target, method, args) -> target, LocalOnlyWire.INSTANCE);
        DeploymentNode<String> fixed = new DeploymentNode<>("Front", new DeploymentSpec(2, 16, -1,
                new ResourceSpec(0.1, 0, 64)), List.of("Greeter"), context -> "front", (target, method, args) -> target,
                LocalOnlyWire.INSTANCE);
        return new TestGraph(List.of(autoscaled, fixed));
    }

    @Test
    void theBuildShipsTheSchemaTheReaderChecksAgainst() throws IOException {
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream(DeploymentYamlSchema.RESOURCE)) {
            assertNotNull(shipped, "the build writes " + DeploymentYamlSchema.RESOURCE);
            assertEquals(DeploymentYamlSchema.toJson(), new String(shipped.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void whatTrellisWritesPassesTheSchemaAndReadsBackTheSame() {
        ApplicationGraph graph = graph();
        ApplicationTarget target = ApplicationTarget.of(graph);
        String written = target.toDeploymentYaml(List.of("a header", ""));

        assertEquals(List.of(), SCHEMA.validate(written, InputFormat.YAML));
        ApplicationTarget read = ApplicationTarget.builder(graph)
                .deploymentYaml(DeploymentYaml.parse(written, "written")).build();
        assertEquals(target.deployment("Greeter"), read.deployment("Greeter"));
        assertEquals(target.deployment("Front"), read.deployment("Front"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "applications: [{name: test, deployments: [{name: Greeter, numReplicas: 0}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, replicas: 2}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, autoscaling: {lookBack: 10}}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, resources: {gpus: -1}}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, health: {periodMillis: fast}}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, javaOptions: -Xmx2g}]}]",
            "applications: [{name: test, requestTimeoutMillis: 0}]",
            "applications: [{name: test, topology: cluster}]",
            "applications: [{name: test, routePrefix: /ocr/}]",
            "applications: [{name: test, deployments: [{name: Greeter, batch: {greet: {maxSize: 0}}}]}]",
            "applications: [{name: test, deployments: [{name: Greeter, health: {failureThreshold: 0}}]}]",
            "applications: [{deployments: []}]",
            "apps: []"})
    void whatTheReaderRefusesForItsShapeFailsTheSchema(String text) {
        assertFalse(DeploymentYaml.parse(text, "file").problems().isEmpty(), "the reader refuses it");
        assertFalse(SCHEMA.validate(text, InputFormat.YAML).isEmpty(), "the schema refuses it");
    }

    @Test
    void everyFieldHasHelpForEditorsToShow() {
        assertEquals(List.of(), missingHelp(DeploymentYamlSchema.jsonSchema(), "$"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> missingHelp(Map<String, Object> schema, String path) {
        List<String> missing = new java.util.ArrayList<>();
        Object properties = schema.get("properties");
        if (properties instanceof Map<?, ?> fields) {
            ((Map<String, Map<String, Object>>) fields).forEach((name, field) -> {
                if (!(field.get("description") instanceof String help) || help.isBlank()) {
                    missing.add(path + "." + name);
                }
                missing.addAll(missingHelp(field, path + "." + name));
            });
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (schema.get(nested) instanceof Map<?, ?> inner) {
                missing.addAll(missingHelp((Map<String, Object>) inner, path + "[]"));
            }
        }
        return missing;
    }
}
