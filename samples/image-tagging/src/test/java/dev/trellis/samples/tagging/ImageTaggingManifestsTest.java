package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.kubernetes.KubernetesManifests;
import dev.trellis.runtime.kubernetes.KubernetesSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The image-tagging sample's Kubernetes manifests, as {@code trellis:build} writes them: a Deployment per
 * deployment with its CPU and memory requests and, for the two model steps, a GPU; a headless Service per
 * deployment; the controller's RBAC and a NetworkPolicy.
 */
class ImageTaggingManifestsTest {

    private static List<HasMetadata> objects() {
        KubernetesSerialization kubernetes = new KubernetesSerialization();
        List<HasMetadata> objects = new ArrayList<>();
        ApplicationTarget target = ApplicationTarget.of(Applications.find("image-tagging"));
        for (String file : KubernetesManifests.of(target, KubernetesSettings.of("trellis-sample-image-tagging:test"))
                .values()) {
            for (String document : file.split("(?m)^---\\n")) {
                if (!document.isBlank()) {
                    objects.add(kubernetes.unmarshal(document));
                }
            }
        }
        return objects;
    }

    @Test
    void everyDeploymentHasItsPodsRequestsAndAHeadlessService() {
        List<HasMetadata> objects = objects();
        Map<String, Container> replicas = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(deployment -> "replica".equals(deployment.getSpec().getSelector().getMatchLabels()
                        .get("trellis.dev/role")))
                .collect(Collectors.toMap(deployment -> deployment.getSpec().getSelector().getMatchLabels()
                        .get("trellis.dev/deployment"), deployment -> deployment.getSpec().getTemplate().getSpec()
                                .getContainers().get(0)));

        assertEquals(java.util.Set.of("Preprocessor", "TextDetector", "DirectionClassifier", "TextRecognizer", "Tagging",
                "TagIngress"), replicas.keySet());
        replicas.forEach((name, container) -> {
            assertTrue(container.getResources().getRequests().containsKey("cpu"), name);
            assertTrue(container.getResources().getRequests().containsKey("memory"), name);
        });
        assertEquals(new Quantity("1024Mi"), replicas.get("TextDetector").getResources().getRequests().get("memory"));
        for (String model : List.of("TextDetector", "TextRecognizer")) {
            assertEquals(new Quantity("1"), replicas.get(model).getResources().getLimits().get("nvidia.com/gpu"), model);
        }
        assertTrue(!replicas.get("Preprocessor").getResources().getLimits().containsKey("nvidia.com/gpu"));
        long headless = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(service -> "None".equals(service.getSpec().getClusterIP())).count();
        assertEquals(6, headless);
        List<String> kinds = objects.stream().map(HasMetadata::getKind).toList();
        assertTrue(kinds.containsAll(List.of("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "NetworkPolicy")), kinds
                .toString());
    }
}
