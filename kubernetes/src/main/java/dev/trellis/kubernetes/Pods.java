package dev.trellis.kubernetes;

import dev.trellis.runtime.kubernetes.KubernetesNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/** What the backend reads of a replica's pod. */
final class Pods {

    private Pods() {}

    /** Whether it takes calls: its Ready condition is true and it has an address. */
    static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()
                || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** How often its containers restarted: a replica whose count grows died and came back as a new process. */
    static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().mapToInt(ContainerStatus::getRestartCount).sum();
    }

    /** The name of the Deployment it belongs to, from its labels, as the manifests name it. */
    static String object(String application, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String deployment = labels == null ? null : labels.get(KubernetesNames.DEPLOYMENT_LABEL);
        if (deployment == null) {
            return "";
        }
        return KubernetesNames.deploymentObject(application, deployment,
                "canary".equals(labels.get(KubernetesNames.TRACK_LABEL)));
    }
}
