package dev.trellis.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.local.DeploymentYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the processes topology the controller starts as many replica processes as the deployment YAML named
 * by the system property says (the generated graph says one).
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

        System.setProperty(DeploymentYaml.PROPERTY, yaml.toString()); // as -Dtrellis.deploymentYaml=... would
        try (ProcessApplication app = ProcessApplication.start(new HealthApplication(), List.of("-XX:TieredStopAtLevel=1"),
                Duration.ofSeconds(60))) {
            assertEquals(2, app.replicaPids("Pinger").size(), "the generated graph says 1");
            assertEquals("pong:a", app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join());
        } finally {
            System.clearProperty(DeploymentYaml.PROPERTY);
        }
    }
}
