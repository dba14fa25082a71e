package dev.trellis.kubernetes;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.ReplicaBackend;
import dev.trellis.runtime.control.ReplicaBackendProvider;
import dev.trellis.runtime.kubernetes.KubernetesNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * {@code -Dtrellis.topology=kubernetes}: the controller runs in its pod (or anywhere with a kubeconfig)
 * and its replicas are pods of the namespace it names ({@value #NAMESPACE_ENV}, which the manifests set
 * from the pod's own namespace), else the client's.
 */
public final class KubernetesTopology implements ReplicaBackendProvider {

    /** The environment variable naming the namespace of the replicas' Deployments. */
    public static final String NAMESPACE_ENV = "TRELLIS_NAMESPACE";

    @Override
    public Topology topology() {
        return Topology.KUBERNETES;
    }

    @Override
    public ReplicaBackend create(ApplicationTarget target, Duration startTimeout) {
        KubernetesClient client = new KubernetesClientBuilder().build(); // in a pod: its service account's
        String namespace = System.getenv(NAMESPACE_ENV) != null ? System.getenv(NAMESPACE_ENV)
                : client.getNamespace() != null ? client.getNamespace() : "default";
        return new KubernetesBackend(client, namespace, target, KubernetesNames.REPLICA_PORT, startTimeout)
                .closingClient();
    }
}
