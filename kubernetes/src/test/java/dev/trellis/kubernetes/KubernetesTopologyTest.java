package dev.trellis.kubernetes;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.ReplicaBackendProvider;
import org.junit.jupiter.api.Test;

/** With this module on the class path, {@code -Dtrellis.topology=kubernetes} finds its backend. */
class KubernetesTopologyTest {

    @Test
    void theRuntimeFindsTheKubernetesTopologyOnTheClassPath() {
        assertInstanceOf(KubernetesTopology.class, ReplicaBackendProvider.of("hello", Topology.KUBERNETES));
    }
}
