package dev.trellis.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment YAML as read from its file: overrides of the generated manifest, per field, without a
 * rebuild, in the spirit of Ray Serve's config file.
 *
 * <pre>{@code
 * applications:
 *   - name: ocr
 *     deployments:
 *       - name: TextRecognizer
 *         autoscaling: { min: 1, max: 4, targetOngoingRequests: 4 }
 *         maxOngoingRequests: 16
 *         config: { minScore: 0.3, modelPath: /models/rec.onnx }
 * }</pre>
 *
 * <p>Reading checks the file's shape (known fields, types, values present) and collects every problem it
 * finds instead of stopping at the first; {@link ApplicationTarget} then checks the overrides against
 * the application and throws once with all of them. Nothing here instantiates a type the file names:
 * the file is read as a tree.
 */
public final class DeploymentYaml {

    /** The system property naming the file, read by {@code TrellisMain}. */
    public static final String PROPERTY = "trellis.deploymentYaml";
    /** The environment variable naming the file, when the property is not set. */
    public static final String ENV = "TRELLIS_DEPLOYMENT_YAML";

    static final Set<String> APPLICATION_FIELDS = new TreeSet<>(List.of("name", "deployments"));
    static final Set<String> DEPLOYMENT_FIELDS = new TreeSet<>(List.of("name", "numReplicas", "autoscaling",
            "maxOngoingRequests", "maxQueuedRequests", "config", "version", "javaOptions"));
    static final Set<String> AUTOSCALING_FIELDS = new TreeSet<>(List.of("min", "max", "initial",
            "targetOngoingRequests", "upscaleDelayMillis", "downscaleDelayMillis", "downscaleToZeroDelayMillis",
            "upscalingFactor", "downscalingFactor", "lookBackMillis", "metricsIntervalMillis"));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String source;
    private final Map<String, ApplicationOverrides> applications;
    private final List<String> problems;

    private DeploymentYaml(String source, Map<String, ApplicationOverrides> applications, List<String> problems) {
        this.source = source;
        this.applications = applications;
        this.problems = List.copyOf(problems);
    }

    /** The overrides of one application. */
    public record ApplicationOverrides(String name, List<DeploymentOverrides> deployments) {
        public ApplicationOverrides {
            deployments = List.copyOf(deployments);
        }
    }

    /**
     * The overrides of one deployment; an empty field keeps the code's value.
     *
     * @param config entries that replace the manifest's one by one
     * @param javaOptions the options of its replica JVMs in the {@code processes} topology, replacing the
     *     application's
     */
    public record DeploymentOverrides(
            String name,
            OptionalInt numReplicas,
            Optional<AutoscalingOverrides> autoscaling,
            OptionalInt maxOngoingRequests,
            OptionalInt maxQueuedRequests,
            Map<String, Object> config,
            Optional<String> version,
            Optional<List<String>> javaOptions) {
        public DeploymentOverrides {
            config = Map.copyOf(config);
            javaOptions = javaOptions.map(List::copyOf);
        }
    }

    /** The autoscaling fields a deployment YAML sets; each empty one keeps the code's value (or the default). */
    public record AutoscalingOverrides(
            OptionalInt min,
            OptionalInt max,
            OptionalInt initial,
            OptionalDouble targetOngoingRequests,
            OptionalLong upscaleDelayMillis,
            OptionalLong downscaleDelayMillis,
            OptionalLong downscaleToZeroDelayMillis,
            OptionalDouble upscalingFactor,
            OptionalDouble downscalingFactor,
            OptionalLong lookBackMillis,
            OptionalLong metricsIntervalMillis) {}

    /** Reads {@code file}; a file that cannot be read is a problem like any other. */
    public static DeploymentYaml read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new DeploymentYaml(file.toString(), Map.of(), List.of("cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /**
     * Reads the YAML {@code text}.
     *
     * @param source names the text in messages, such as its file's path
     */
    public static DeploymentYaml parse(String text, String source) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            return new DeploymentYaml(source, Map.of(), List.of("cannot be read: " + e.getMessage()));
        }
        Map<String, ApplicationOverrides> applications = new LinkedHashMap<>();
        if (root == null || !root.path("applications").isArray()) {
            problems.add("has no list 'applications:'");
            return new DeploymentYaml(source, applications, problems);
        }
        for (JsonNode entry : root.path("applications")) {
            String name = entry.path("name").asText("");
            unknownFields(entry, APPLICATION_FIELDS, problems, field -> "sets '" + field + "' of application '" + name
                    + "'; an application entry has a name and deployments");
            if (name.isEmpty()) {
                problems.add("has an application entry without a name");
                continue;
            }
            if (applications.containsKey(name)) {
                problems.add("lists application '" + name + "' twice");
                continue;
            }
            List<DeploymentOverrides> deployments = new ArrayList<>();
            JsonNode listed = entry.path("deployments");
            if (!listed.isMissingNode() && !listed.isArray()) {
                problems.add("gives application '" + name + "' deployments that are not a list");
            }
            Set<String> seen = new TreeSet<>();
            for (JsonNode deployment : listed.isArray() ? listed : YAML.createArrayNode()) {
                String deploymentName = deployment.path("name").asText("");
                if (deploymentName.isEmpty()) {
                    problems.add("has a deployment of application '" + name + "' without a name");
                    continue;
                }
                if (!seen.add(deploymentName)) {
                    problems.add("lists deployment '" + deploymentName + "' of application '" + name + "' twice");
                    continue;
                }
                deployments.add(deployment(deployment, deploymentName, problems));
            }
            applications.put(name, new ApplicationOverrides(name, deployments));
        }
        return new DeploymentYaml(source, applications, problems);
    }

    private static DeploymentOverrides deployment(JsonNode deployment, String name, List<String> problems) {
        String where = "deployment '" + name + "'";
        unknownFields(deployment, DEPLOYMENT_FIELDS, problems, field -> "sets '" + field + "' of " + where
                + "; it can set " + DEPLOYMENT_FIELDS.stream().filter(known -> !known.equals("name")).toList());
        Fields fields = new Fields(deployment, where, problems);
        OptionalInt numReplicas = fields.wholeNumber("numReplicas", 1);
        OptionalInt maxOngoing = fields.wholeNumber("maxOngoingRequests", 1);
        OptionalInt maxQueued = fields.wholeNumber("maxQueuedRequests", -1);
        Optional<AutoscalingOverrides> autoscaling = Optional.empty();
        if (deployment.has("autoscaling")) {
            autoscaling = autoscaling(deployment.get("autoscaling"), where, problems);
        }
        if (numReplicas.isPresent() && deployment.has("autoscaling")) {
            problems.add("sets both numReplicas and autoscaling of " + where + "; they are exclusive: a fixed count, or"
                    + " bounds the autoscaler chooses within");
        }
        return new DeploymentOverrides(name, numReplicas, autoscaling, maxOngoing, maxQueued,
                config(deployment, where, problems), fields.text("version"), fields.texts("javaOptions"));
    }

    private static Optional<AutoscalingOverrides> autoscaling(JsonNode node, String where, List<String> problems) {
        if (!node.isObject()) {
            problems.add("gives " + where + " an autoscaling that is not a mapping");
            return Optional.empty();
        }
        String scope = "autoscaling of " + where;
        unknownFields(node, AUTOSCALING_FIELDS, problems, field -> "sets '" + field + "' of the " + scope
                + "; it can set " + AUTOSCALING_FIELDS);
        Fields fields = new Fields(node, "the " + scope, problems);
        return Optional.of(new AutoscalingOverrides(
                fields.wholeNumber("min", 0),
                fields.wholeNumber("max", 1),
                fields.wholeNumber("initial", 0),
                fields.positiveNumber("targetOngoingRequests"),
                fields.millis("upscaleDelayMillis", 0),
                fields.millis("downscaleDelayMillis", 0),
                fields.millis("downscaleToZeroDelayMillis", 0),
                fields.positiveNumber("upscalingFactor"),
                fields.positiveNumber("downscalingFactor"),
                fields.millis("lookBackMillis", 1),
                fields.millis("metricsIntervalMillis", 1)));
    }

    private static Map<String, Object> config(JsonNode deployment, String where, List<String> problems) {
        if (!deployment.has("config")) {
            return Map.of();
        }
        JsonNode entries = deployment.get("config");
        if (!entries.isObject()) {
            problems.add("gives " + where + " a config that is not a mapping");
            return Map.of();
        }
        boolean complete = true;
        for (Iterator<String> keys = entries.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (entries.get(key).isNull()) {
                problems.add("leaves config entry '" + key + "' of " + where + " without a value");
                complete = false;
            }
        }
        if (!complete) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = YAML.convertValue(entries, Map.class);
        return config;
    }

    private static void unknownFields(JsonNode node, Set<String> known, List<String> problems,
            java.util.function.Function<String, String> problem) {
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!known.contains(field)) {
                problems.add(problem.apply(field));
            }
        }
    }

    /** Reads typed fields of one mapping, recording a problem for each value of the wrong kind. */
    private record Fields(JsonNode node, String where, List<String> problems) {

        OptionalInt wholeNumber(String field, int least) {
            if (!node.has(field)) {
                return OptionalInt.empty();
            }
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < least) {
                problems.add("sets " + where + " " + field + " to " + value + ", which is not a whole number of at least "
                        + least);
                return OptionalInt.empty();
            }
            return OptionalInt.of(value.asInt());
        }

        Optional<String> text(String field) {
            if (!node.has(field)) {
                return Optional.empty();
            }
            JsonNode value = node.get(field);
            if (!value.isTextual() || value.asText().isBlank()) {
                problems.add("sets " + where + " " + field + " to " + value + ", which is not a non-blank string");
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        /** A list of non-blank strings, such as JVM options. */
        Optional<List<String>> texts(String field) {
            if (!node.has(field)) {
                return Optional.empty();
            }
            JsonNode value = node.get(field);
            List<String> texts = new java.util.ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> texts.add(item.isTextual() && !item.asText().isBlank() ? item.asText() : null));
            }
            if (!value.isArray() || texts.contains(null)) {
                problems.add("sets " + where + " " + field + " to " + value + ", which is not a list of non-blank "
                        + "strings, such as [\"-Xmx2g\", \"-XX:+UseSerialGC\"]");
                return Optional.empty();
            }
            return Optional.of(texts);
        }

        OptionalLong millis(String field, long least) {
            if (!node.has(field)) {
                return OptionalLong.empty();
            }
            JsonNode value = node.get(field);
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < least) {
                problems.add("sets " + where + " " + field + " to " + value + ", which is not a whole number of"
                        + " milliseconds of at least " + least);
                return OptionalLong.empty();
            }
            return OptionalLong.of(value.asLong());
        }

        OptionalDouble positiveNumber(String field) {
            if (!node.has(field)) {
                return OptionalDouble.empty();
            }
            JsonNode value = node.get(field);
            if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
                problems.add("sets " + where + " " + field + " to " + value + ", which is not a number above 0");
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(value.asDouble());
        }
    }

    /** {@code policy} as the deployment YAML's {@code autoscaling:} block writes it, every field given. */
    public static Map<String, Object> fields(dev.trellis.runtime.graph.AutoscalingSpec policy) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("min", policy.minReplicas());
        values.put("max", policy.maxReplicas());
        values.put("initial", policy.initialReplicas());
        values.put("targetOngoingRequests", policy.targetOngoingRequests());
        values.put("upscaleDelayMillis", policy.upscaleDelay().toMillis());
        values.put("downscaleDelayMillis", policy.downscaleDelay().toMillis());
        values.put("downscaleToZeroDelayMillis", policy.downscaleToZeroDelay().toMillis());
        values.put("upscalingFactor", policy.upscalingFactor());
        values.put("downscalingFactor", policy.downscalingFactor());
        values.put("lookBackMillis", policy.lookBack().toMillis());
        values.put("metricsIntervalMillis", policy.metricsInterval().toMillis());
        return values;
    }

    /** What names the file in messages: its path. */
    public String source() {
        return source;
    }

    /** The overrides of the application named {@code name}, if the file has an entry for it. */
    public Optional<ApplicationOverrides> application(String name) {
        return Optional.ofNullable(applications.get(name));
    }

    /** What is wrong with the file's shape, each a phrase that follows "The deployment YAML <file> ". */
    public List<String> problems() {
        return problems;
    }
}
