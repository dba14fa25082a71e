package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the processes topology the controller starts as many replica processes as the deployment YAML
 * says (the generated graph says one), and the replicas hold the same target.
 */
class DeploymentYamlProcessesTest {

    @Test
    void theYamlsReplicaCountIsTheNumberOfReplicaProcesses(@TempDir Path directory) throws Exception {
        Path yaml = Files.writeString(directory.resolve("deployment.yaml"), """
                applications:
                  - name: health-test
                    deployments:
                      - name: Pinger
                        numReplicas: 2
                """);

        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1")).deploymentYaml(yaml).start()) {
            assertEquals(2, app.replicaPids("Pinger").size(), "the generated graph says 1");
            assertEquals("pong:a", app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join());
        }
    }
}
