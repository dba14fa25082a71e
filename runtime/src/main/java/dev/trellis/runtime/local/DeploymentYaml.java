package dev.trellis.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.DeploymentNode;
import dev.trellis.runtime.spi.DeploymentSpec;
import dev.trellis.runtime.spi.IngressRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment YAML: overrides of the generated manifest, per field, without a rebuild, in the spirit of
 * Ray Serve's config file. Named by {@value #PROPERTY} or {@value #ENV}:
 *
 * <pre>{@code
 * applications:
 *   - name: ocr
 *     deployments:
 *       - name: TextRecognizer
 *         numReplicas: 2
 *         maxOngoingRequests: 16
 *         config: { minScore: 0.3, modelPath: /models/rec.onnx }
 * }</pre>
 *
 * <p>{@code config} entries replace the manifest's one by one; {@code numReplicas},
 * {@code maxOngoingRequests} and {@code maxQueuedRequests} replace the annotation's. A file that names an
 * unknown deployment or field, or an invalid value, stops the application from starting with a message
 * that says so.
 */
public final class DeploymentYaml {

    /** The system property naming the file. */
    public static final String PROPERTY = "trellis.deploymentYaml";
    /** The environment variable naming the file, when the property is not set. */
    public static final String ENV = "TRELLIS_DEPLOYMENT_YAML";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("name", "numReplicas", "maxOngoingRequests", "maxQueuedRequests",
            "config");

    private DeploymentYaml() {}

    /** The file the environment names, if any. */
    public static Optional<Path> configured() {
        String named = System.getProperty(PROPERTY, System.getenv(ENV));
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.trim()));
    }

    /**
     * {@code graph} with the overrides of the configured deployment YAML, or {@code graph} itself without
     * one (or without an entry for this application).
     *
     * @throws ApplicationStartException if the file cannot be read or is not valid for this application
     */
    public static ApplicationGraph apply(ApplicationGraph graph) {
        if (graph instanceof Overridden) {
            return graph;
        }
        Optional<Path> file = configured();
        return file.isEmpty() ? graph : apply(graph, file.get());
    }

    /** {@code graph} with the overrides in {@code file}. */
    public static ApplicationGraph apply(ApplicationGraph graph, Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw invalid(graph, file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.path("applications").isArray()) {
            throw invalid(graph, file, "has no list 'applications:'", null);
        }
        JsonNode application = null;
        for (JsonNode candidate : iterable(root.path("applications"))) {
            for (Iterator<String> fields = candidate.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!field.equals("name") && !field.equals("deployments")) {
                    throw invalid(graph, file, "sets '" + field + "' of application '" + candidate.path("name").asText()
                            + "'; an application entry has a name and deployments", null);
                }
            }
            if (graph.name().equals(candidate.path("name").asText())) {
                application = candidate;
            }
        }
        if (application == null) {
            System.getLogger(DeploymentYaml.class.getName()).log(System.Logger.Level.WARNING,
                    "The deployment YAML {0} has no entry for application ''{1}'': nothing is overridden", file,
                    graph.name());
            return graph;
        }
        Map<String, DeploymentNode<?>> nodes = new LinkedHashMap<>();
        graph.nodes().forEach(node -> nodes.put(node.name(), node));
        Map<String, Map<String, Object>> configs = new HashMap<>();
        for (JsonNode deployment : iterable(application.path("deployments"))) {
            String name = deployment.path("name").asText();
            DeploymentNode<?> node = nodes.get(name);
            if (node == null) {
                throw invalid(graph, file, "names deployment '" + name + "', which application '" + graph.name()
                        + "' does not have; it has " + nodes.keySet(), null);
            }
            for (Iterator<String> fields = deployment.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!FIELDS.contains(field)) {
                    throw invalid(graph, file, "sets '" + field + "' of deployment '" + name + "'; it can set "
                            + FIELDS.stream().filter(known -> !known.equals("name")).sorted().toList(), null);
                }
            }
            DeploymentSpec spec = node.spec();
            try {
                spec = new DeploymentSpec(
                        intOr(deployment, "numReplicas", spec.numReplicas(), 1),
                        intOr(deployment, "maxOngoingRequests", spec.maxOngoingRequests(), 1),
                        intOr(deployment, "maxQueuedRequests", spec.maxQueuedRequests(), -1),
                        spec.resources(), spec.health());
            } catch (IllegalArgumentException e) {
                throw invalid(graph, file, "sets deployment '" + name + "' " + e.getMessage(), e);
            }
            checkBatchesCanFill(graph, file, node, spec);
            nodes.put(name, withSpec(node, spec));
            if (deployment.has("config")) {
                if (!deployment.get("config").isObject()) {
                    throw invalid(graph, file, "gives deployment '" + name + "' a config that is not a mapping", null);
                }
                JsonNode entries = deployment.get("config");
                for (Iterator<String> keys = entries.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (entries.get(key).isNull()) {
                        throw invalid(graph, file, "leaves config entry '" + key + "' of deployment '" + name
                                + "' without a value", null);
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> config = YAML.convertValue(deployment.get("config"), Map.class);
                configs.put(name, config);
            }
        }
        return new Overridden(graph, List.copyOf(nodes.values()), configs);
    }

    /** The config entries the deployment YAML sets for {@code deployment} of {@code graph}. */
    static Map<String, Object> configOverrides(ApplicationGraph graph, String deployment) {
        return graph instanceof Overridden overridden
                ? overridden.configs().getOrDefault(deployment, Map.of()) : Map.of();
    }

    /** The generated graph, as written: where its manifest and classes are found. */
    public static ApplicationGraph original(ApplicationGraph graph) {
        return graph instanceof Overridden overridden ? overridden.original() : graph;
    }

    /** As the processor checks at build time: each waiting call of a batch holds one of the replica's slots. */
    private static void checkBatchesCanFill(ApplicationGraph graph, Path file, DeploymentNode<?> node,
            DeploymentSpec spec) {
        for (var method : node.wire().methods()) {
            if (method.batched() && method.batch().maxSize() > spec.maxOngoingRequests()) {
                throw invalid(graph, file, "sets maxOngoingRequests of deployment '" + node.name() + "' to "
                        + spec.maxOngoingRequests() + ", below the @Batch(maxSize = " + method.batch().maxSize()
                        + ") of " + method + ": no batch could fill", null);
            }
        }
    }

    private static int intOr(JsonNode deployment, String field, int otherwise, int least) {
        if (!deployment.has(field)) {
            return otherwise;
        }
        JsonNode value = deployment.get(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < least) {
            throw new IllegalArgumentException(field + " to " + value + ", which is not a whole number of at least "
                    + least);
        }
        return value.asInt();
    }

    private static <T> DeploymentNode<T> withSpec(DeploymentNode<T> node, DeploymentSpec spec) {
        return new DeploymentNode<>(node.name(), spec, node.dependencies(), node.factory(), node.dispatcher(),
                node.wire());
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static ApplicationStartException invalid(ApplicationGraph graph, Path file, String problem, Throwable cause) {
        return new ApplicationStartException(graph.name(), null, "The deployment YAML " + file + " " + problem, cause);
    }

    /** A generated graph with the overrides applied. */
    private record Overridden(ApplicationGraph original, List<DeploymentNode<?>> nodes,
            Map<String, Map<String, Object>> configs) implements ApplicationGraph {

        @Override
        public String name() {
            return original.name();
        }

        @Override
        public String ingress() {
            return original.ingress();
        }

        @Override
        public List<IngressRoute> routes() {
            return original.routes();
        }

        @Override
        public String manifestResource() {
            return original.manifestResource();
        }

        @Override
        public Duration requestTimeout() {
            return original.requestTimeout();
        }
    }
}
