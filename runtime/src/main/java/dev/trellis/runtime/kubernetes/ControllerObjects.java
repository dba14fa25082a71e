package dev.trellis.runtime.kubernetes;

import static dev.trellis.runtime.kubernetes.KubernetesManifests.map;

import dev.trellis.runtime.config.ApplicationTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's {@code Deployment} and {@code Service}: one pod running {@code TrellisMain} in the
 * {@code kubernetes} topology, with the application's deployment YAML mounted, serving the ingress (HTTP
 * and gRPC on one port) and scaling the replicas' Deployments through the API.
 */
final class ControllerObjects {

    private ControllerObjects() {}

    static Map<String, Object> deployment(ApplicationTarget target, KubernetesSettings settings) {
        String application = target.name();
        String name = KubernetesNames.controllerObject(application);
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(KubernetesNames.APPLICATION_LABEL, application);
        selector.put(KubernetesNames.ROLE_LABEL, "controller");
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "controller");
        container.put("image", settings.image());
        container.put("command", KubernetesManifests.javaCommand(List.of("-Dtrellis.topology=kubernetes",
                "-Dtrellis.deploymentYaml=" + KubernetesManifests.CONFIG_DIRECTORY + "/"
                        + KubernetesManifests.DEPLOYMENT_YAML_FILE,
                "-Dtrellis.port=" + KubernetesNames.INGRESS_PORT), "dev.trellis.runtime.server.TrellisMain", application));
        container.put("env", List.of(map("name", "TRELLIS_NAMESPACE", "valueFrom",
                map("fieldRef", map("fieldPath", "metadata.namespace"))), KubernetesManifests.internalSecretEnv(application)));
        container.put("ports", List.of(map("name", "http", "containerPort", KubernetesNames.INGRESS_PORT,
                "protocol", "TCP")));
        container.put("resources", map(
                "requests", map("cpu", DeploymentObjects.cpu(settings.controllerCpus()), "memory",
                        settings.controllerMemoryMb() + "Mi"),
                "limits", map("memory", settings.controllerMemoryMb() + "Mi")));
        // Ready while every deployment has the replicas it must have; alive while it answers at all (a
        // deployment that fails is the controller's to replace, not a reason to restart the controller).
        container.put("readinessProbe", map("httpGet", map("path", "/observe/health/ready", "port", "http"),
                "periodSeconds", 5));
        container.put("livenessProbe", map("httpGet", map("path", "/observe/health/live", "port", "http"),
                "periodSeconds", 10, "failureThreshold", 6));
        container.put("volumeMounts", List.of(map("name", "deployment-yaml", "mountPath",
                KubernetesManifests.CONFIG_DIRECTORY, "readOnly", true)));
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("serviceAccountName", name);
        pod.put("terminationGracePeriodSeconds", DeploymentObjects.longestGraceSeconds(target));
        pod.put("containers", List.of(container));
        pod.put("volumes", List.of(map("name", "deployment-yaml", "configMap",
                map("name", KubernetesManifests.configMap(application)))));
        Map<String, Object> labels = new LinkedHashMap<>(KubernetesNames.common(application));
        labels.putAll(selector);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 1);
        spec.put("strategy", map("type", "Recreate")); // one controller owns the target: never two at once
        spec.put("selector", map("matchLabels", selector));
        // The usual scrape annotations: a Prometheus that discovers pods scrapes the controller's metrics.
        Map<String, Object> scrape = map("prometheus.io/scrape", "true", "prometheus.io/path", "/observe/metrics",
                "prometheus.io/port", String.valueOf(KubernetesNames.INGRESS_PORT));
        spec.put("template", map("metadata", map("labels", labels, "annotations", scrape), "spec", pod));
        Map<String, Object> deployment = KubernetesManifests.object("apps/v1", "Deployment", name, application,
                settings);
        deployment.put("spec", spec);
        return deployment;
    }

    /** The application's ingress: HTTP, and gRPC on the same port (h2c), as TrellisServer serves both. */
    static Map<String, Object> service(ApplicationTarget target, KubernetesSettings settings) {
        String application = target.name();
        Map<String, Object> service = KubernetesManifests.object("v1", "Service", KubernetesNames.dns(application),
                application, settings);
        service.put("spec", map(
                "selector", map(KubernetesNames.APPLICATION_LABEL, application, KubernetesNames.ROLE_LABEL, "controller"),
                "ports", List.of(
                        map("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP"),
                        map("name", "grpc", "port", 50051, "targetPort", "http", "protocol", "TCP", "appProtocol",
                                "kubernetes.io/h2c"))));
        return service;
    }
}
