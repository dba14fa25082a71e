package dev.trellis.runtime.kubernetes;

import static dev.trellis.runtime.kubernetes.KubernetesManifests.map;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment's (or its canary's) objects: a {@code Deployment} of replica pods, each running {@code
 * ReplicaMain} on {@link KubernetesNames#REPLICA_PORT}, and a headless {@code Service} that names their
 * addresses. The controller owns {@code replicas} (its autoscaler sets it through the API; no
 * HorizontalPodAutoscaler is written, and one would fight it).
 *
 * <p>Resources: CPU and memory requests from the hints, the memory also as the limit (a replica that
 * outgrows it is killed and replaced, where one that took more than asked would starve its neighbours).
 * GPUs: a whole number is a limit of {@code nvidia.com/gpu}; a fraction asks for one {@code nvidia.com/gpu},
 * which is a share of a GPU on nodes whose NVIDIA device plugin time-slices it (its {@code replicas} per
 * GPU set to 1 / the fraction), and records the fraction in the annotation {@value #GPU_FRACTION}.
 * Placement: the deployment's {@code nodeProfile} gives the pods its node selector, tolerations and
 * affinity.
 */
final class DeploymentObjects {

    /** The annotation that records a fractional GPU hint on the pods that ask for a time-sliced share. */
    static final String GPU_FRACTION = "trellis.dev/gpu-fraction";

    /** How long a stopping pod stays in its Service after it was told to stop, before its process is: endpoints propagate. */
    private static final int PRE_STOP_SECONDS = 5;
    private static final String MODELS_VOLUME = "models";

    /** A replica process's own margin after its grace: its last answers go out. */
    private static final int ANSWERS_SECONDS = 5;

    private DeploymentObjects() {}

    static List<Map<String, Object>> of(ApplicationTarget target, DeploymentTarget deployment, boolean canary,
            KubernetesSettings settings) {
        String application = target.name();
        String name = KubernetesNames.deploymentObject(application, deployment.name(), canary);
        Map<String, String> selector = KubernetesNames.replicaSelector(application, deployment.name(), canary);
        Map<String, Object> labels = new LinkedHashMap<>(KubernetesNames.common(application));
        labels.putAll(selector);

        Map<String, Object> podMetadata = new LinkedHashMap<>();
        podMetadata.put("labels", labels);
        double gpus = deployment.resources().gpus();
        if (gpus > 0 && gpus != Math.rint(gpus)) {
            podMetadata.put("annotations", map(GPU_FRACTION, BigDecimal.valueOf(gpus).stripTrailingZeros().toPlainString()));
        }
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("automountServiceAccountToken", false); // a replica never talks to the API
        pod.put("terminationGracePeriodSeconds", graceSeconds(deployment));
        deployment.nodeProfile().map(profileName -> target.nodeProfiles().get(profileName)).ifPresent(profile -> {
            if (!profile.nodeSelector().isEmpty()) {
                pod.put("nodeSelector", new LinkedHashMap<>(profile.nodeSelector()));
            }
            if (!profile.tolerations().isEmpty()) {
                pod.put("tolerations", new ArrayList<>(profile.tolerations()));
            }
            if (!profile.affinity().isEmpty()) {
                pod.put("affinity", new LinkedHashMap<>(profile.affinity()));
            }
        });
        pod.put("containers", List.of(container(application, deployment, canary, settings)));
        List<Object> volumes = new ArrayList<>(List.of(map("name", "deployment-yaml", "configMap",
                map("name", KubernetesManifests.configMap(application)))));
        settings.models().ifPresent(models -> volumes.add(map("name", MODELS_VOLUME, "persistentVolumeClaim",
                map("claimName", models.claimName(), "readOnly", true))));
        pod.put("volumes", volumes);

        Map<String, Object> spec = new LinkedHashMap<>();
        // No replicas: the controller owns the count, and a later kubectl apply must not reset it (a new
        // Deployment starts with one pod, which the controller takes as a replica or scales away).
        spec.put("selector", map("matchLabels", selector));
        // New pods before old ones go, as the controller's own rolls do.
        spec.put("strategy", map("type", "RollingUpdate", "rollingUpdate", map("maxSurge", "20%", "maxUnavailable", 0)));
        spec.put("template", map("metadata", podMetadata, "spec", pod));
        Map<String, Object> object = KubernetesManifests.object("apps/v1", "Deployment", name, application, settings);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        metadata.put("labels", new LinkedHashMap<>(labels)); // a copy: one map twice would be written as a YAML alias
        metadata.put("annotations", map("trellis.dev/replicas-owner", "the Trellis controller of " + application
                + " (its autoscaler); do not add a HorizontalPodAutoscaler", "trellis.dev/version", deployment.version()));
        object.put("spec", spec);

        Map<String, Object> service = KubernetesManifests.object("v1", "Service", name, application, settings);
        service.put("spec", map("clusterIP", "None", "selector", selector, "ports", List.of(map("name", "grpc", "port",
                KubernetesNames.REPLICA_PORT, "targetPort", "grpc", "protocol", "TCP", "appProtocol", "kubernetes.io/h2c"))));
        return List.of(object, service);
    }

    private static Map<String, Object> container(String application, DeploymentTarget deployment, boolean canary,
            KubernetesSettings settings) {
        List<String> options = new ArrayList<>(deployment.javaOptions().orElse(List.of()));
        options.add("-Dtrellis.deploymentYaml=" + KubernetesManifests.CONFIG_DIRECTORY + "/"
                + KubernetesManifests.DEPLOYMENT_YAML_FILE);
        options.add("-Dtrellis.shutdownGraceMillis=" + deployment.gracefulShutdownTimeout().toMillis());
        options.add("-Dtrellis.replicaHost=0.0.0.0");
        options.add("-Dtrellis.replicaPort=" + KubernetesNames.REPLICA_PORT);
        if (canary) {
            options.add("-Dtrellis.canary=true");
        }
        if (deployment.resources().gpus() > 0) {
            // The device plugin shows the pod only the GPU it was given, as device 0.
            options.add("-Dtrellis.gpuDevice=0");
        }
        List<String> command = KubernetesManifests.javaCommand(options, "dev.trellis.runtime.topology.process.ReplicaMain",
                application, deployment.name(), "$(POD_NAME)");
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "replica");
        container.put("image", settings.image());
        container.put("command", command);
        container.put("env", List.of(map("name", "POD_NAME", "valueFrom", map("fieldRef", map("fieldPath",
                "metadata.name"))), KubernetesManifests.internalSecretEnv(application)));
        container.put("ports", List.of(map("name", "grpc", "containerPort", KubernetesNames.REPLICA_PORT, "protocol",
                "TCP")));
        container.put("resources", resources(deployment.resources()));
        // The replica's own check, as the controller runs it, through the standard gRPC health service.
        Map<String, Object> readiness = probe(deployment);
        readiness.put("failureThreshold", 1); // out of its Service at once; the controller replaces it if it stays so
        Map<String, Object> liveness = probe(deployment);
        liveness.put("failureThreshold", deployment.health().failureThreshold());
        container.put("readinessProbe", readiness);
        container.put("livenessProbe", liveness);
        container.put("lifecycle", map("preStop", map("sleep", map("seconds", PRE_STOP_SECONDS))));
        List<Object> mounts = new ArrayList<>(List.of(map("name", "deployment-yaml", "mountPath",
                KubernetesManifests.CONFIG_DIRECTORY, "readOnly", true)));
        settings.models().ifPresent(models -> mounts.add(map("name", MODELS_VOLUME, "mountPath", models.mountPath(),
                "readOnly", true)));
        container.put("volumeMounts", mounts);
        return container;
    }

    private static Map<String, Object> probe(DeploymentTarget deployment) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("grpc", map("port", KubernetesNames.REPLICA_PORT));
        probe.put("periodSeconds", seconds(deployment.health().period()));
        probe.put("timeoutSeconds", seconds(deployment.health().timeout()));
        return probe;
    }

    private static Map<String, Object> resources(ResourceSpec hints) {
        Map<String, Object> requests = new LinkedHashMap<>();
        Map<String, Object> limits = new LinkedHashMap<>();
        if (hints.cpus() > 0) {
            requests.put("cpu", cpu(hints.cpus()));
        }
        if (hints.memoryMb() > 0) {
            requests.put("memory", hints.memoryMb() + "Mi");
            limits.put("memory", hints.memoryMb() + "Mi");
        }
        if (hints.gpus() > 0) {
            limits.put("nvidia.com/gpu", (int) Math.ceil(hints.gpus())); // extended resources: limits only
        }
        Map<String, Object> resources = new LinkedHashMap<>();
        if (!requests.isEmpty()) {
            resources.put("requests", requests);
        }
        if (!limits.isEmpty()) {
            resources.put("limits", limits);
        }
        return resources;
    }

    /** CPUs as a Kubernetes quantity: whole millicores ("250m"), at least one. */
    static String cpu(double cpus) {
        return Math.max(1, Math.round(cpus * 1000)) + "m";
    }

    /** Whole seconds, rounded up, at least one: probes count in seconds. */
    private static int seconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    /** Its pod's grace: the pre-stop wait, its own graceful shutdown, and the margin its last answers need. */
    static int graceSeconds(DeploymentTarget deployment) {
        return PRE_STOP_SECONDS + seconds(deployment.gracefulShutdownTimeout()) + ANSWERS_SECONDS;
    }

    /** The controller's pod stops every replica's calls first: it waits the longest grace of them. */
    static int longestGraceSeconds(ApplicationTarget target) {
        return target.deployments().stream().mapToInt(DeploymentObjects::graceSeconds).max().orElse(PRE_STOP_SECONDS)
                + ANSWERS_SECONDS;
    }
}
