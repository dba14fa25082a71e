package dev.trellis.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

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
 * <p>Reading checks every field against {@link DeploymentYamlSchema} (known fields, kinds, bounds) and
 * collects every problem it finds, each with its line and column, instead of stopping at the first;
 * {@link ApplicationTarget} then checks the overrides against the application and throws once with all of
 * them. Nothing here instantiates a type the file names: the file is read as a tree of plain values
 * ({@link YamlTree}), bounded in size, depth and aliases.
 */
public final class DeploymentYaml {

    /** The system property naming the file, read by {@code TrellisMain}. */
    public static final String PROPERTY = "trellis.deploymentYaml";
    /** The environment variable naming the file, when the property is not set. */
    public static final String ENV = "TRELLIS_DEPLOYMENT_YAML";

    private final String source;
    private final Map<String, ApplicationOverrides> applications;
    private final List<ConfigProblem> problems;

    private DeploymentYaml(String source, Map<String, ApplicationOverrides> applications, List<ConfigProblem> problems) {
        this.source = source;
        this.applications = applications;
        this.problems = List.copyOf(problems);
    }

    /**
     * The overrides of one application.
     *
     * @param position where its entry starts
     * @param routePrefix where its HTTP routes are served, if set: "/" or a path not ending with "/"
     * @param requestTimeout the deadline of its requests, if set
     * @param topology how its replicas run, if set
     * @param nodeProfiles the kinds of node its deployments may name, by name
     */
    public record ApplicationOverrides(String name, SourcePosition position, Optional<String> routePrefix,
            Optional<Duration> requestTimeout, Optional<Topology> topology, Map<String, NodeProfile> nodeProfiles,
            List<DeploymentOverrides> deployments) {
        public ApplicationOverrides {
            nodeProfiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeProfiles));
            deployments = List.copyOf(deployments);
        }
    }

    /**
     * The overrides of one deployment; an empty field keeps the code's value.
     *
     * @param position where its entry starts
     * @param fields where each field it sets is, for problems found once the application is known
     * @param config entries that replace the manifest's one by one
     * @param javaOptions the options of its replica JVMs in the {@code processes} topology, replacing the
     *     application's
     * @param classPath the class path of its replica JVMs in the {@code processes} topology, replacing the
     *     application's
     * @param nodeProfile the kind of node its replicas run on, if set
     * @param canary a second version beside it, if the file sets one
     */
    public record DeploymentOverrides(
            String name,
            SourcePosition position,
            Map<String, SourcePosition> fields,
            OptionalInt numReplicas,
            Optional<AutoscalingOverrides> autoscaling,
            Optional<ResourceOverrides> resources,
            OptionalInt maxOngoingRequests,
            OptionalInt maxQueuedRequests,
            Map<String, BatchOverrides> batches,
            Optional<HealthOverrides> health,
            Optional<Duration> gracefulShutdownTimeout,
            Map<String, Object> config,
            Optional<String> version,
            Optional<List<String>> javaOptions,
            Optional<List<String>> classPath,
            Optional<String> nodeProfile,
            Optional<CanaryOverrides> canary) {
        public DeploymentOverrides {
            fields = Map.copyOf(fields);
            batches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(batches));
            config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
            javaOptions = javaOptions.map(List::copyOf);
            classPath = classPath.map(List::copyOf);
        }

        /** Where {@code field} is set, or where the entry starts. */
        public SourcePosition at(String field) {
            return fields.getOrDefault(field, position);
        }
    }

    /**
     * A deployment's canary: the share of calls it takes, and its fields over the deployment's (its
     * {@code name} is the deployment's; it has no limits, health or canary of its own).
     *
     * @param position where its entry starts
     * @param trafficPercent its share of the deployment's calls, 0 to 100
     */
    public record CanaryOverrides(SourcePosition position, double trafficPercent, DeploymentOverrides fields) {}

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

    /** The resources a deployment YAML sets for one replica; each empty one keeps the code's hint. */
    public record ResourceOverrides(OptionalDouble cpus, OptionalDouble gpus, OptionalLong memoryMb) {}

    /** The health check settings a deployment YAML sets; each empty one keeps the code's. */
    public record HealthOverrides(Optional<Duration> period, Optional<Duration> timeout, OptionalInt failureThreshold) {}

    /**
     * How a deployment YAML batches one {@code @Batch} method; each empty field keeps its {@code @Batch}'s.
     *
     * @param position where the method is named
     */
    public record BatchOverrides(SourcePosition position, OptionalInt maxSize, OptionalLong maxWaitMillis) {}

    /** Reads {@code file}; a file that cannot be read is a problem like any other. */
    public static DeploymentYaml read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > YamlTree.MAX_CHARACTERS * 4L) { // UTF-8: at most 4 bytes a character
                return new DeploymentYaml(file.toString(), Map.of(), List.of(new ConfigProblem(SourcePosition.START,
                        "is " + size + " bytes long, more than a deployment YAML may be")));
            }
            text = Files.readString(file);
        } catch (IOException e) {
            return new DeploymentYaml(file.toString(), Map.of(), List.of(new ConfigProblem(SourcePosition.START,
                    "cannot be read: " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /**
     * Reads the YAML {@code text}: every field checked against {@link DeploymentYamlSchema}, every problem
     * collected with its position.
     *
     * @param source names the text in messages, such as its file's path
     */
    public static DeploymentYaml parse(String text, String source) {
        YamlTree.Read read = YamlTree.read(text);
        List<ConfigProblem> problems = new ArrayList<>(read.problems());
        Map<String, ApplicationOverrides> applications = new LinkedHashMap<>();
        if (read.root() == null) {
            if (problems.isEmpty()) {
                problems.add(new ConfigProblem(SourcePosition.START, "is empty; it needs a list 'applications:'"));
            }
            return new DeploymentYaml(source, applications, problems);
        }
        Object checked = DeploymentYamlSchema.FILE.check(read.root(), "the file", problems);
        if (!(checked instanceof YamlSchema.Checked file) || !file.has("applications")) {
            return new DeploymentYaml(source, applications, problems);
        }
        for (Object entry : file.<List<Object>>get("applications")) {
            YamlSchema.Checked application = (YamlSchema.Checked) entry;
            if (!application.has("name")) {
                continue; // its problem is recorded
            }
            String name = application.get("name");
            if (applications.containsKey(name)) {
                problems.add(new ConfigProblem(application.at("name"), "lists application '" + name + "' twice (first at "
                        + applications.get(name).position() + ")"));
                continue;
            }
            applications.put(name, application(application, name, problems));
        }
        return new DeploymentYaml(source, applications, problems);
    }

    private static ApplicationOverrides application(YamlSchema.Checked application, String name,
            List<ConfigProblem> problems) {
        List<DeploymentOverrides> deployments = new ArrayList<>();
        Map<String, SourcePosition> seen = new HashMap<>();
        List<Object> listed = application.has("deployments") ? application.get("deployments") : List.of();
        for (Object entry : listed) {
            YamlSchema.Checked deployment = (YamlSchema.Checked) entry;
            if (!deployment.has("name")) {
                continue;
            }
            String deploymentName = deployment.get("name");
            SourcePosition first = seen.putIfAbsent(deploymentName, deployment.at("name"));
            if (first != null) {
                problems.add(new ConfigProblem(deployment.at("name"), "lists deployment '" + deploymentName
                        + "' of application '" + name + "' twice (first at " + first + ")"));
                continue;
            }
            deployments.add(deployment(deployment, deploymentName, problems));
        }
        return new ApplicationOverrides(name, application.position(), Optional.ofNullable(application.get("routePrefix")),
                millis(application, "requestTimeoutMillis"),
                Optional.ofNullable(application.<String>get("topology")).map(Topology::parse), nodeProfiles(application),
                deployments);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, NodeProfile> nodeProfiles(YamlSchema.Checked application) {
        Map<String, NodeProfile> profiles = new LinkedHashMap<>();
        if (!application.has("nodeProfiles")) {
            return profiles;
        }
        application.<YamlSchema.Checked>get("nodeProfiles").values().forEach((name, value) -> {
            YamlSchema.Checked fields = (YamlSchema.Checked) value;
            Map<String, String> selector = new LinkedHashMap<>();
            if (fields.has("nodeSelector")) {
                fields.<YamlSchema.Checked>get("nodeSelector").values().forEach((label, text) -> selector.put(label,
                        (String) text));
            }
            List<Map<String, Object>> tolerations = new ArrayList<>();
            if (fields.has("tolerations")) {
                for (Object toleration : fields.<List<Object>>get("tolerations")) {
                    tolerations.add(((YamlSchema.Checked) toleration).values());
                }
            }
            Map<String, Object> affinity = fields.has("affinity") ? fields.<YamlSchema.Checked>get("affinity").values()
                    : Map.of();
            profiles.put(name, new NodeProfile(selector, tolerations, affinity));
        });
        return profiles;
    }

    private static DeploymentOverrides deployment(YamlSchema.Checked deployment, String name,
            List<ConfigProblem> problems) {
        if (deployment.has("numReplicas") && deployment.has("autoscaling")) {
            problems.add(new ConfigProblem(deployment.at("autoscaling"), "sets both numReplicas and autoscaling of"
                    + " deployment '" + name + "'; they are exclusive: a fixed count, or bounds the autoscaler"
                    + " chooses within"));
        }
        Optional<AutoscalingOverrides> autoscaling = Optional.ofNullable(deployment.<YamlSchema.Checked>get("autoscaling"))
                .map(fields -> new AutoscalingOverrides(whole(fields, "min"), whole(fields, "max"),
                        whole(fields, "initial"), decimal(fields, "targetOngoingRequests"),
                        longValue(fields, "upscaleDelayMillis"), longValue(fields, "downscaleDelayMillis"),
                        longValue(fields, "downscaleToZeroDelayMillis"), decimal(fields, "upscalingFactor"),
                        decimal(fields, "downscalingFactor"), longValue(fields, "lookBackMillis"),
                        longValue(fields, "metricsIntervalMillis")));
        Optional<ResourceOverrides> resources = Optional.ofNullable(deployment.<YamlSchema.Checked>get("resources"))
                .map(fields -> new ResourceOverrides(decimal(fields, "cpus"), decimal(fields, "gpus"),
                        longValue(fields, "memoryMb")));
        Optional<HealthOverrides> health = Optional.ofNullable(deployment.<YamlSchema.Checked>get("health"))
                .map(fields -> new HealthOverrides(millis(fields, "periodMillis"), millis(fields, "timeoutMillis"),
                        whole(fields, "failureThreshold")));
        Map<String, BatchOverrides> batches = new LinkedHashMap<>();
        if (deployment.has("batch")) {
            YamlSchema.Checked methods = deployment.get("batch");
            methods.values().forEach((method, value) -> {
                YamlSchema.Checked fields = (YamlSchema.Checked) value;
                batches.put(method, new BatchOverrides(methods.at(method), whole(fields, "maxSize"),
                        longValue(fields, "maxWaitMillis")));
            });
        }
        Map<String, Object> config = deployment.has("config")
                ? deployment.<YamlSchema.Checked>get("config").values() : Map.of();
        // The schema lets a canary hold no canary: this recursion ends after one step.
        Optional<CanaryOverrides> canary = Optional.ofNullable(deployment.<YamlSchema.Checked>get("canary"))
                .filter(fields -> fields.has("trafficPercent")) // else its problem is recorded
                .map(fields -> new CanaryOverrides(fields.position(), fields.<Double>get("trafficPercent"),
                        deployment(fields, name, problems)));
        return new DeploymentOverrides(name, deployment.position(), deployment.keys(), whole(deployment, "numReplicas"),
                autoscaling, resources, whole(deployment, "maxOngoingRequests"), whole(deployment, "maxQueuedRequests"),
                batches, health, millis(deployment, "gracefulShutdownTimeoutMillis"), config,
                Optional.ofNullable(deployment.get("version")), Optional.ofNullable(deployment.get("javaOptions")),
                Optional.ofNullable(deployment.get("classPath")), Optional.ofNullable(deployment.get("nodeProfile")),
                canary);
    }

    private static OptionalInt whole(YamlSchema.Checked fields, String field) {
        Long value = fields.get(field); // bounded by the schema to the range of an int
        return value == null ? OptionalInt.empty() : OptionalInt.of(Math.toIntExact(value));
    }

    private static OptionalLong longValue(YamlSchema.Checked fields, String field) {
        Long value = fields.get(field);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalDouble decimal(YamlSchema.Checked fields, String field) {
        Double value = fields.get(field);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static Optional<Duration> millis(YamlSchema.Checked fields, String field) {
        Long value = fields.get(field);
        return value == null ? Optional.empty() : Optional.of(Duration.ofMillis(value));
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

    /** What is wrong with the file's shape, each where it is. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
