package dev.trellis.runtime.kubernetes;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * An application as Kubernetes manifests, written from its target by {@code trellis:build} beside the
 * deployment YAML, for {@code kubectl apply -f target/trellis/k8s/}: per deployment (and per canary) a
 * {@code Deployment} of its replica pods and a headless {@code Service} for their gRPC port
 * ({@link DeploymentObjects}); for the application the controller's {@code Deployment} and {@code Service}
 * (its HTTP and gRPC ingress), a {@code ServiceAccount} with a {@code Role} of only the verbs the
 * controller uses, a {@code ConfigMap} holding the deployment YAML, and a {@code NetworkPolicy} that lets
 * only the application's own pods reach its replicas.
 *
 * <p>The output is deterministic: the same target and settings give the same bytes (maps keep their
 * order, nothing reads the clock).
 */
public final class KubernetesManifests {

    /** Where the pods mount the ConfigMap holding the deployment YAML. */
    static final String CONFIG_DIRECTORY = "/etc/trellis";
    static final String DEPLOYMENT_YAML_FILE = "deployment.yaml";

    private static final int MAX_NAME_LENGTH = 63;

    private KubernetesManifests() {}

    /**
     * The manifests of {@code target}, as file names (in the order to apply them) and their YAML documents.
     *
     * @throws IllegalArgumentException if a name the manifests need is longer than Kubernetes allows
     */
    public static Map<String, String> of(ApplicationTarget target, KubernetesSettings settings) {
        checkNameLengths(target);
        Map<String, String> files = new LinkedHashMap<>();
        String application = target.name();
        String prefix = KubernetesNames.dns(application);
        files.put(prefix + "-00-application.yaml", documents(applicationObjects(target, settings)));
        for (DeploymentTarget deployment : target.deployments()) {
            List<Map<String, Object>> objects = new ArrayList<>(DeploymentObjects.of(target, deployment, false, settings));
            deployment.canary().ifPresent(canary ->
                    objects.addAll(DeploymentObjects.of(target, canary.target(), true, settings)));
            files.put(prefix + "-" + KubernetesNames.dns(deployment.name()) + ".yaml", documents(objects));
        }
        return files;
    }

    /** Service names and label values are at most 63 characters; a longer one would fail at kubectl apply. */
    private static void checkNameLengths(ApplicationTarget target) {
        List<String> tooLong = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(target.name(), KubernetesNames.controllerObject(target.name())));
        for (DeploymentTarget deployment : target.deployments()) {
            names.add(deployment.name());
            names.add(KubernetesNames.deploymentObject(target.name(), deployment.name(), deployment.canary().isPresent()));
        }
        for (String name : names) {
            if (name.length() > MAX_NAME_LENGTH) {
                tooLong.add("'" + name + "' (" + name.length() + ")");
            }
        }
        if (!tooLong.isEmpty()) {
            throw new IllegalArgumentException("Kubernetes object names and label values are at most " + MAX_NAME_LENGTH
                    + " characters, and application '" + target.name() + "' needs " + String.join(", ", tooLong)
                    + ": shorten the application's or the deployment's name");
        }
    }

    private static List<Map<String, Object>> applicationObjects(ApplicationTarget target, KubernetesSettings settings) {
        String application = target.name();
        String controller = KubernetesNames.controllerObject(application);
        List<Map<String, Object>> objects = new ArrayList<>();
        objects.add(object("v1", "ServiceAccount", controller, application, settings));
        objects.add(role(controller, application, settings));
        Map<String, Object> binding = object("rbac.authorization.k8s.io/v1", "RoleBinding", controller, application,
                settings);
        binding.put("subjects", List.of(map("kind", "ServiceAccount", "name", controller)));
        binding.put("roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", controller));
        objects.add(binding);
        Map<String, Object> config = object("v1", "ConfigMap", configMap(application), application, settings);
        config.put("data", map(DEPLOYMENT_YAML_FILE, target.toDeploymentYaml(List.of(
                "The deployment YAML of application '" + application + "', as the controller and every replica read it."))));
        objects.add(config);
        objects.add(ControllerObjects.deployment(target, settings));
        objects.add(ControllerObjects.service(target, settings));
        objects.add(networkPolicy(application, settings));
        return objects;
    }

    /** Only what the Kubernetes topology does: scale Deployments, and watch and label the pods it routes to. */
    private static Map<String, Object> role(String name, String application, KubernetesSettings settings) {
        Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "Role", name, application, settings);
        role.put("rules", List.of(
                map("apiGroups", List.of("apps"), "resources", List.of("deployments"), "verbs",
                        List.of("get", "list", "watch")),
                map("apiGroups", List.of("apps"), "resources", List.of("deployments/scale"), "verbs",
                        List.of("get", "patch", "update")),
                // Patched with a pod-deletion-cost, so that a scale-down takes the replicas the controller chose.
                map("apiGroups", List.of(""), "resources", List.of("pods"), "verbs",
                        List.of("get", "list", "watch", "patch"))));
        return role;
    }

    /** Replica ports take calls only from the application's own pods: its controller and its other replicas. */
    private static Map<String, Object> networkPolicy(String application, KubernetesSettings settings) {
        Map<String, Object> policy = object("networking.k8s.io/v1", "NetworkPolicy",
                KubernetesNames.dns(application) + "-replicas", application, settings);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", map("matchLabels", map(KubernetesNames.APPLICATION_LABEL, application,
                KubernetesNames.ROLE_LABEL, "replica")));
        spec.put("policyTypes", List.of("Ingress"));
        spec.put("ingress", List.of(map(
                "from", List.of(map("podSelector", map("matchLabels", map(KubernetesNames.APPLICATION_LABEL,
                        application)))),
                "ports", List.of(map("protocol", "TCP", "port", KubernetesNames.REPLICA_PORT)))));
        policy.put("spec", spec);
        return policy;
    }

    /**
     * The application's internal credentials from its Secret ({@link KubernetesNames#internalSecret}), for
     * the controller's and every replica's container. Required: without the Secret a pod does not start
     * (Kubernetes says so: secret not found), rather than take internal calls from anyone.
     */
    static Map<String, Object> internalSecretEnv(String application) {
        return map("name", dev.trellis.runtime.grpc.CallerSecret.ENV, "valueFrom", map("secretKeyRef", map("name",
                KubernetesNames.internalSecret(application), "key", KubernetesNames.SECRET_KEY, "optional", false)));
    }

    static String configMap(String application) {
        return KubernetesNames.dns(application) + "-deployment-yaml";
    }

    /** An object of {@code kind} with its name, the application's labels and the namespace, if one is set. */
    static Map<String, Object> object(String apiVersion, String kind, String name, String application,
            KubernetesSettings settings) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        settings.namespace().ifPresent(namespace -> metadata.put("namespace", namespace));
        metadata.put("labels", KubernetesNames.common(application));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }

    /**
     * A pod's command: the image's Java with native access allowed (ONNX Runtime and Netty load native code:
     * said once here, not warned of at every start), {@code options}, the class path Jib wrote, and the main
     * class with its arguments.
     */
    static List<String> javaCommand(List<String> options, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of("java", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(options);
        command.addAll(List.of("-cp", "@/app/jib-classpath-file", mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** A map of the key and value pairs given, in their order. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The objects as one YAML stream, a document each, in block style. */
    private static String documents(List<Map<String, Object>> objects) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setExplicitStart(true);
        return new Yaml(new LiteralText(options), options).dumpAll(objects.iterator());
    }

    /** Writes text of several lines (the deployment YAML in the ConfigMap) as a literal block, as people write it. */
    private static final class LiteralText extends org.yaml.snakeyaml.representer.Representer {
        LiteralText(DumperOptions options) {
            super(options);
            org.yaml.snakeyaml.representer.Represent plain = representers.get(String.class);
            representers.put(String.class, data -> ((String) data).contains("\n")
                    ? representScalar(org.yaml.snakeyaml.nodes.Tag.STR, (String) data, DumperOptions.ScalarStyle.LITERAL)
                    : plain.representData(data));
        }
    }
}
