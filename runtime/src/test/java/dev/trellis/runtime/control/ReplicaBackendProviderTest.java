package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.Topology;
import org.junit.jupiter.api.Test;

/** A topology whose module is missing fails the start with the module to add. */
class ReplicaBackendProviderTest {

    @Test
    void theKubernetesTopologyWithoutItsModuleNamesTheModule() {
        ApplicationStartException missing = assertThrows(ApplicationStartException.class,
                () -> ReplicaBackendProvider.of("hello", Topology.KUBERNETES));

        assertEquals("The kubernetes topology needs dev.trellis:trellis-kubernetes on the class path (a runtime"
                + " dependency of the application); it is not there", missing.getMessage());
    }
}
