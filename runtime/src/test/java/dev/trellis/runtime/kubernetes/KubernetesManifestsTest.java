package dev.trellis.runtime.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The manifests read back into Kubernetes' own model (fabric8's, as kubectl would read them) and hold what
 * matters: per deployment a Deployment with its replicas, requests and GPU, probes, grace and drain, and a
 * headless Service; for the application the controller, RBAC with only its verbs, the ConfigMap and the
 * NetworkPolicy. The same target writes the same bytes.
 */
class KubernetesManifestsTest {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private static DeploymentNode<Object> node(String name, DeploymentSpec spec) {
        return new DeploymentNode<>(name, spec, List.of(), context -> new Object(), (target, method, args) -> null,
                LocalOnlyWire.INSTANCE);
    }

    private final TestGraph graph = new TestGraph("image-tagging", List.of(
            node("TextDetector", new DeploymentSpec(1, 16, -1, new ResourceSpec(0.3, 0.5, 1024),
                    HealthSpec.ofMillis(2000, 1500))),
            node("TextRecognizer", new DeploymentSpec(2, 8, -1, new ResourceSpec(1, 1, 2048))),
            node("Tag_Ingress", new DeploymentSpec(1, 100, -1, new ResourceSpec(0.1, 0, 512)))));

    private ApplicationTarget target() {
        return ApplicationTarget.builder(graph).deploymentYaml(DeploymentYaml.parse("""
                applications:
                  - name: image-tagging
                    nodeProfiles:
                      gpu-a100:
                        nodeSelector: { cloud.google.com/gke-accelerator: nvidia-tesla-a100 }
                        tolerations: [{ key: nvidia.com/gpu, operator: Exists, effect: NoSchedule }]
                      spot-cpu:
                        nodeSelector: { cloud.google.com/gke-spot: "true" }
                        tolerations: [{ key: cloud.google.com/gke-spot, operator: Equal, value: "true", effect: NoSchedule }]
                    deployments:
                      - name: TextRecognizer
                        gracefulShutdownTimeoutMillis: 20000
                        nodeProfile: gpu-a100
                        canary: { version: v2, numReplicas: 1, trafficPercent: 10, nodeProfile: spot-cpu }
                """, "test")).build();
    }

    private List<HasMetadata> objects() {
        return objects(KubernetesSettings.of("registry.test/image-tagging:1.0"));
    }

    private List<HasMetadata> objects(KubernetesSettings settings) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : KubernetesManifests.of(target(), settings).values()) {
            for (String document : file.split("(?m)^---\\n")) {
                if (!document.isBlank()) {
                    objects.add(KUBERNETES.unmarshal(document));
                }
            }
        }
        return objects;
    }

    private <T extends HasMetadata> T named(Class<T> kind, String name) {
        return objects().stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " in " + objects().stream()
                        .map(object -> object.getKind() + " " + object.getMetadata().getName()).toList()));
    }

    @Test
    void eachDeploymentIsADeploymentOfReplicaPodsWithItsRequestsProbesAndDrain() {
        Deployment detector = named(Deployment.class, "image-tagging-textdetector");
        Container replica = detector.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertEquals(null, detector.getSpec().getReplicas(), "the controller owns the count: kubectl apply keeps it");
        assertEquals(Map.of("cpu", new Quantity("300m"), "memory", new Quantity("1024Mi")),
                replica.getResources().getRequests());
        assertEquals(new Quantity("1"), replica.getResources().getLimits().get("nvidia.com/gpu"),
                "a fraction asks for one time-sliced share");
        assertEquals("0.5", detector.getSpec().getTemplate().getMetadata().getAnnotations().get("trellis.dev/gpu-fraction"));
        assertEquals(9000, replica.getReadinessProbe().getGrpc().getPort());
        assertEquals(2, replica.getReadinessProbe().getPeriodSeconds());
        assertEquals(2, replica.getLivenessProbe().getTimeoutSeconds(), "1.5 s rounded up");
        assertEquals(5, replica.getLifecycle().getPreStop().getSleep().getSeconds());
        assertEquals(5 + 10 + 5, detector.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        assertTrue(replica.getCommand().containsAll(List.of("dev.trellis.runtime.topology.process.ReplicaMain",
                "image-tagging", "TextDetector", "$(POD_NAME)")), replica.getCommand().toString());
        assertTrue(replica.getCommand().contains("-Dtrellis.gpuDevice=0"), "its one GPU, as the device plugin shows it");
        assertEquals(Map.of("trellis.dev/application", "image-tagging", "trellis.dev/deployment", "TextDetector",
                "trellis.dev/role", "replica", "trellis.dev/track", "own"), detector.getSpec().getSelector().getMatchLabels());

        Container recognizer = named(Deployment.class, "image-tagging-textrecognizer").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals(new Quantity("1"), recognizer.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("2048Mi"), recognizer.getResources().getLimits().get("memory"));
        assertEquals(5 + 20 + 5, named(Deployment.class, "image-tagging-textrecognizer").getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds());

        Service headless = named(Service.class, "image-tagging-textdetector");
        assertEquals("None", headless.getSpec().getClusterIP());
        assertEquals(9000, headless.getSpec().getPorts().get(0).getPort());
        assertEquals(detector.getSpec().getSelector().getMatchLabels(), headless.getSpec().getSelector());
        Deployment ingress = named(Deployment.class, "image-tagging-tag-ingress"); // '_' becomes '-', case is lowered
        assertFalse(ingress.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().stream()
                .anyMatch(option -> option.startsWith("-Dtrellis.gpuDevice")), "no GPU asked for, none named");
    }

    @Test
    void aNodeProfileGivesThePodsItsSelectorAndTolerations() {
        var recognizer = named(Deployment.class, "image-tagging-textrecognizer").getSpec().getTemplate().getSpec();
        var canary = named(Deployment.class, "image-tagging-textrecognizer-canary").getSpec().getTemplate().getSpec();
        var detector = named(Deployment.class, "image-tagging-textdetector").getSpec().getTemplate().getSpec();

        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-tesla-a100"), recognizer.getNodeSelector());
        assertEquals("nvidia.com/gpu", recognizer.getTolerations().get(0).getKey());
        assertEquals("Exists", recognizer.getTolerations().get(0).getOperator());
        assertEquals(Map.of("cloud.google.com/gke-spot", "true"), canary.getNodeSelector(), "the canary's own profile");
        assertEquals("true", canary.getTolerations().get(0).getValue());
        assertTrue(detector.getNodeSelector() == null || detector.getNodeSelector().isEmpty());
    }

    @Test
    void aCanaryIsADeploymentOfItsOwnLabelledAsTheCanary() {
        Deployment canary = named(Deployment.class, "image-tagging-textrecognizer-canary");
        Container replica = canary.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertEquals("canary", canary.getSpec().getSelector().getMatchLabels().get("trellis.dev/track"));
        assertTrue(replica.getCommand().contains("-Dtrellis.canary=true"), replica.getCommand().toString());
        assertEquals("v2", canary.getMetadata().getAnnotations().get("trellis.dev/version"));
    }

    @Test
    void theControllerRunsWithOnlyTheVerbsItUsesAndTheDeploymentYamlMounted() {
        Deployment controller = named(Deployment.class, "image-tagging-controller");
        Role role = named(Role.class, "image-tagging-controller");
        RoleBinding binding = named(RoleBinding.class, "image-tagging-controller");
        ConfigMap yaml = named(ConfigMap.class, "image-tagging-deployment-yaml");
        Service ingress = named(Service.class, "image-tagging");
        named(ServiceAccount.class, "image-tagging-controller");

        assertEquals("image-tagging-controller", controller.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals("Recreate", controller.getSpec().getStrategy().getType());
        Container serving = controller.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/observe/health/ready", serving.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/observe/health/live", serving.getLivenessProbe().getHttpGet().getPath());
        assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/path", "/observe/metrics",
                "prometheus.io/port", "8000"), controller.getSpec().getTemplate().getMetadata().getAnnotations());
        assertEquals(List.of("apps:deployments:[get, list, watch]", "apps:deployments/scale:[get, patch, update]",
                ":pods:[get, list, watch, patch]"), role.getRules().stream().map(KubernetesManifestsTest::rule).toList());
        assertEquals("image-tagging-controller", binding.getSubjects().get(0).getName());
        ApplicationTarget read = ApplicationTarget.builder(graph).deploymentYaml(DeploymentYaml.parse(
                yaml.getData().get("deployment.yaml"), "configmap")).build();
        assertEquals(10.0, read.deployment("TextRecognizer").canary().orElseThrow().trafficPercent(),
                "the ConfigMap holds the whole target");
        assertEquals(List.of(80, 50051), ingress.getSpec().getPorts().stream().map(port -> port.getPort()).toList());
        assertEquals(Map.of("trellis.dev/application", "image-tagging", "trellis.dev/role", "controller"),
                ingress.getSpec().getSelector());
    }

    @Test
    void onlyTheApplicationsOwnPodsReachItsReplicas() {
        NetworkPolicy policy = named(NetworkPolicy.class, "image-tagging-replicas");

        assertEquals(Map.of("trellis.dev/application", "image-tagging", "trellis.dev/role", "replica"),
                policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(Map.of("trellis.dev/application", "image-tagging"),
                policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels());
        assertEquals(9000, policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());
    }

    @Test
    void aModelVolumeIsMountedReadOnlyIntoEveryReplicaPodAndNowhereElse() {
        KubernetesSettings settings = KubernetesSettings.of("registry.test/image-tagging:1.0")
                .withModels(new KubernetesSettings.ModelVolume("ocr-models", "/models"));
        List<Deployment> deployments = objects(settings).stream().filter(Deployment.class::isInstance)
                .map(Deployment.class::cast).toList();

        for (Deployment deployment : deployments) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            boolean replica = "replica".equals(deployment.getMetadata().getLabels().get("trellis.dev/role"));
            var claims = pod.getVolumes().stream().filter(volume -> volume.getPersistentVolumeClaim() != null).toList();
            var mounts = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/models")).toList();
            assertEquals(replica ? 1 : 0, claims.size(), deployment.getMetadata().getName());
            assertEquals(replica ? 1 : 0, mounts.size(), deployment.getMetadata().getName());
            if (replica) {
                assertEquals("ocr-models", claims.get(0).getPersistentVolumeClaim().getClaimName());
                assertTrue(claims.get(0).getPersistentVolumeClaim().getReadOnly());
                assertTrue(mounts.get(0).getReadOnly());
                assertEquals(claims.get(0).getName(), mounts.get(0).getName());
            }
        }
        assertTrue(objects().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .allMatch(deployment -> deployment.getSpec().getTemplate().getSpec().getVolumes().size() == 1),
                "without a model volume, only the deployment YAML's");
        assertThrows(IllegalArgumentException.class, () -> new KubernetesSettings.ModelVolume("OCR models", "/models"));
        assertThrows(IllegalArgumentException.class, () -> new KubernetesSettings.ModelVolume("ocr-models", "models"));
    }

    @Test
    void aNameLongerThanKubernetesAllowsIsRefusedSayingWhichAndWhatToDo() {
        String longName = "TextRecognizer".repeat(4); // 56 characters; its Deployment 'image-tagging-...' is 70
        ApplicationTarget target = ApplicationTarget.builder(new TestGraph("image-tagging", List.of(
                node(longName, new DeploymentSpec(1, 8, -1, new ResourceSpec(1, 0, 512)))))).build();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> KubernetesManifests.of(target, KubernetesSettings.of("registry.test/image-tagging:1.0")));
        assertTrue(refused.getMessage().contains("'image-tagging-" + longName.toLowerCase() + "' (70)"), refused.getMessage());
        assertTrue(refused.getMessage().contains("shorten"), refused.getMessage());
    }

    @Test
    void theSameTargetWritesTheSameBytesAndANamespaceWhenOneIsGiven() {
        KubernetesSettings settings = new KubernetesSettings("registry.test/image-tagging:1.0", Optional.of("ml"), 0.5, 512);

        Map<String, String> first = KubernetesManifests.of(target(), settings);
        assertEquals(first, KubernetesManifests.of(target(), settings));
        assertEquals(List.of("image-tagging-00-application.yaml", "image-tagging-textdetector.yaml",
                "image-tagging-textrecognizer.yaml", "image-tagging-tag-ingress.yaml"), List.copyOf(first.keySet()));
        assertTrue(first.values().stream().allMatch(text -> text.contains("  namespace: ml\n")));
        assertTrue(first.values().stream().noneMatch(text -> text.contains("&id")), "no YAML aliases: each map written out");
    }

    private static String rule(PolicyRule rule) {
        return String.join(",", rule.getApiGroups()) + ":" + String.join(",", rule.getResources()) + ":" + rule.getVerbs();
    }
}
