package dev.trellis.runtime.config;

import static dev.trellis.runtime.config.YamlSchema.Field.optional;

import dev.trellis.runtime.config.YamlSchema.AnyMapping;
import dev.trellis.runtime.config.YamlSchema.Decimal;
import dev.trellis.runtime.config.YamlSchema.Field;
import dev.trellis.runtime.config.YamlSchema.Fields;
import dev.trellis.runtime.config.YamlSchema.ListOf;
import dev.trellis.runtime.config.YamlSchema.Text;
import dev.trellis.runtime.config.YamlSchema.Texts;
import dev.trellis.runtime.config.YamlSchema.WholeNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every field a deployment YAML may set, with its kind, bounds and help: what {@link DeploymentYaml}
 * reads and what {@link #jsonSchema()} publishes for editors.
 */
public final class DeploymentYamlSchema {

    /** Where the published schema says it lives. */
    public static final String ID = "https://trellis.dev/schemas/deployment-yaml.schema.json";

    /** Durations in milliseconds may be as long as a year: a target's own durations always read back. */
    private static final long YEAR_MILLIS = 366L * 24 * 60 * 60 * 1000;

    private static WholeNumber millis(long least) {
        return new WholeNumber(least, YEAR_MILLIS);
    }

    static final Fields AUTOSCALING = new Fields(List.of(
            optional("min", WholeNumber.atLeast(0), "The fewest replicas; 0 lets the deployment scale to zero."),
            optional("max", WholeNumber.atLeast(1), "The most replicas."),
            optional("initial", WholeNumber.atLeast(0), "Replicas at start, from min to max."),
            optional("targetOngoingRequests", Decimal.positive(),
                    "Ongoing requests per replica the autoscaler aims for (Ray Serve's target_ongoing_requests)."),
            optional("upscaleDelayMillis", millis(0), "How long more replicas must be wanted before they are added."),
            optional("downscaleDelayMillis", millis(0), "How long fewer replicas must be wanted before some are removed."),
            optional("downscaleToZeroDelayMillis", millis(0), "How long before the last replica is removed (min 0)."),
            optional("upscalingFactor", Decimal.positive(), "Scales each upward step; 1 takes the whole step at once."),
            optional("downscalingFactor", Decimal.positive(), "Scales each downward step."),
            optional("lookBackMillis", millis(1), "Over how long the ongoing requests are averaged."),
            optional("metricsIntervalMillis", millis(1), "How often replicas report their load.")));

    static final Fields RESOURCES = new Fields(List.of(
            optional("cpus", Decimal.atLeast(0), "CPUs one replica needs; fractions allowed."),
            optional("gpus", Decimal.atLeast(0), "GPUs one replica needs; a fraction shares a GPU."),
            optional("memoryMb", WholeNumber.atLeast(0), "Memory one replica needs, in MiB.")));

    static final Fields HEALTH = new Fields(List.of(
            optional("periodMillis", millis(1), "How often each replica's health is checked."),
            optional("timeoutMillis", millis(1), "How long one check may take before it counts as failed."),
            optional("failureThreshold", WholeNumber.atLeast(1), "Failed checks in a row that replace a replica.")));

    static final Fields BATCH = new Fields(List.of(
            optional("maxSize", WholeNumber.atLeast(1), "The most calls in one batch."),
            optional("maxWaitMillis", millis(0), "How long the first call of a batch waits for others.")));

    private static final Field NUM_REPLICAS = optional("numReplicas", WholeNumber.atLeast(1),
            "A fixed number of replicas; exclusive with autoscaling.");
    private static final Field AUTOSCALING_FIELD = optional("autoscaling", AUTOSCALING,
            "Bounds and pace of autoscaling, each field over the code's.");
    private static final Field RESOURCES_FIELD = optional("resources", RESOURCES,
            "What one replica needs, each field over the code's hints.");
    private static final Field BATCH_FIELD = optional("batch", new YamlSchema.MapOf(BATCH, "method"),
            "How each @Batch method batches, by method name, each field over its @Batch.");
    private static final Field GRACE = optional("gracefulShutdownTimeoutMillis", millis(0),
            "How long a stopping replica lets its running calls finish.");
    private static final Field CONFIG = optional("config", new AnyMapping(),
            "Configuration entries; each replaces the code's entry of that name.");
    private static final Field VERSION = optional("version", Text.ANY, "The deployment's version, a name of your choice.");
    private static final Field JAVA_OPTIONS = optional("javaOptions", new Texts("[\"-Xmx2g\", \"-XX:+UseSerialGC\"]"),
            "Options of this deployment's replica JVMs in the processes topology, replacing the application's.");
    private static final Field NODE_PROFILE = optional("nodeProfile", Text.ANY,
            "The kind of node its replicas run on in the kubernetes topology: a name under the application's nodeProfiles.");
    private static final Field CLASS_PATH = optional("classPath", new Texts("[\"/opt/greeter-2.0.jar\", \"/opt/lib\"]"),
            "Jars and directories of this deployment's replica JVMs in the processes topology, replacing the"
                    + " application's class path: a new version of its code, rolled out without a restart.");

    /**
     * A second version of a deployment beside the first, taking a share of its calls: each field it sets
     * is over the deployment's own, the rest are the deployment's.
     */
    static final Fields CANARY = new Fields(List.of(
            new Field("trafficPercent", Decimal.between(0, 100), true,
                    "The share of the deployment's calls the canary takes, in percent (0 to 100); calls for a model"
                            + " of a multiplexed deployment stay on one version. 100 with as many replicas as the"
                            + " deployment is a blue/green switch: it happens once they all run."),
            NUM_REPLICAS, AUTOSCALING_FIELD, RESOURCES_FIELD, BATCH_FIELD, GRACE, CONFIG, VERSION, JAVA_OPTIONS,
            CLASS_PATH, NODE_PROFILE));

    static final Fields NODE_PROFILE_FIELDS = new Fields(List.of(
            optional("nodeSelector", new YamlSchema.MapOf(Text.ANY, "label"),
                    "Node labels its pods require, as a pod's nodeSelector."),
            optional("tolerations", new ListOf(new AnyMapping(), "toleration"),
                    "Its pods' tolerations, as Kubernetes writes them (a spot pool's taint, a GPU pool's)."),
            optional("affinity", new AnyMapping(), "Its pods' affinity, as Kubernetes writes it.")));

    static final Fields DEPLOYMENT = new Fields(List.of(
            new Field("name", Text.ANY, true, "The deployment, as the code names it (@Deployment's name or its class's)."),
            NUM_REPLICAS,
            AUTOSCALING_FIELD,
            RESOURCES_FIELD,
            optional("maxOngoingRequests", WholeNumber.atLeast(1), "Calls one replica runs at once."),
            optional("maxQueuedRequests", WholeNumber.atLeast(-1),
                    "Calls that may wait for a replica before callers get back-pressure; -1 for no limit."),
            BATCH_FIELD,
            optional("health", HEALTH, "How replicas are checked."),
            GRACE,
            CONFIG,
            VERSION,
            JAVA_OPTIONS,
            CLASS_PATH,
            NODE_PROFILE,
            optional("canary", CANARY, "A second version beside this one, taking trafficPercent of its calls; remove"
                    + " it to end the canary, or make this deployment's fields the canary's to promote it (its"
                    + " replicas stay).")));

    static final Fields APPLICATION = new Fields(List.of(
            new Field("name", Text.ANY, true, "The application, as @Application names it."),
            optional("routePrefix", new Text(java.util.regex.Pattern.compile(
                    "^(/|/[A-Za-z0-9._~][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*)$"),
                    "a path such as \"/ocr\": a slash, then segments of letters, digits and . _ ~ -, not starting with"
                            + " - (the server's own /-/ paths) and not ending with /"),
                    "Where the application's HTTP routes are served: /ocr serves @Ingress(path = \"/tag\") at /ocr/tag."),
            optional("requestTimeoutMillis", millis(1),
                    "The deadline of each request at the ingress and of every call made for it."),
            optional("topology", new YamlSchema.Choice(List.of("local", "processes", "kubernetes")),
                    "How the replicas run: local (all in one JVM), processes (a JVM each) or kubernetes (a pod each);"
                            + " -Dtrellis.topology wins."),
            optional("nodeProfiles", new YamlSchema.MapOf(NODE_PROFILE_FIELDS, "profile"),
                    "Kinds of node (a GPU pool, spot capacity) deployments name with nodeProfile, for the kubernetes"
                            + " topology: the scheduling fields of their pods."),
            optional("deployments", new ListOf(DEPLOYMENT, "deployment"), "Overrides of the application's deployments.")));

    static final Fields FILE = new Fields(List.of(
            new Field("applications", new ListOf(APPLICATION, "application"), true, "The applications it overrides.")));

    /** Where the runtime's jar holds the schema, written by the build with {@link #main}. */
    public static final String RESOURCE = "META-INF/trellis/deployment-yaml.schema.json";

    private DeploymentYamlSchema() {}

    /**
     * Writes the schema as JSON to the file {@code args[0]}: the build runs it, so the schema shipped in the
     * runtime's jar is always the one the reader checks against.
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DeploymentYamlSchema <file to write>");
        }
        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(file, toJson());
    }

    /** The schema as indented JSON text, ending with a newline. */
    public static String toJson() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(jsonSchema()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the schema is plain maps, lists and values", e);
        }
    }

    /** The JSON Schema (draft 2020-12) of a deployment YAML, as nested maps and lists ready to be written as JSON. */
    public static Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", ID);
        schema.put("title", "Trellis deployment YAML");
        schema.put("description", "Overrides of the generated manifest of Trellis applications, field by field.");
        schema.putAll(FILE.jsonSchema());
        return schema;
    }
}
