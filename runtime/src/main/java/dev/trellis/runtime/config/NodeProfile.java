package dev.trellis.runtime.config;

import java.util.List;
import java.util.Map;

/**
 * A kind of node a deployment's replicas are placed on in the {@code kubernetes} topology, declared once
 * per application in the deployment YAML ({@code nodeProfiles: {gpu-a100: {...}, spot-cpu: {...}}}) and
 * named by deployments ({@code nodeProfile: gpu-a100}): the pod fields that steer the scheduler. Spot
 * capacity is a profile like any other (its toleration of the spot taint); its replicas may vanish, and
 * the routers treat one that does as one that was killed. The other topologies run on one machine and
 * ignore it.
 *
 * @param nodeSelector node labels the pods require ({@code cloud.google.com/gke-accelerator: nvidia-tesla-a100})
 * @param tolerations the pods' tolerations, as Kubernetes writes them
 * @param affinity the pods' affinity, as Kubernetes writes it; empty for none
 */
public record NodeProfile(Map<String, String> nodeSelector, List<Map<String, Object>> tolerations,
        Map<String, Object> affinity) {

    public NodeProfile {
        nodeSelector = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeSelector));
        tolerations = List.copyOf(tolerations);
        affinity = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(affinity));
    }
}
