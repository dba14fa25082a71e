package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aDeploymentsJavaOptionsReplaceTheApplicationsInItsReplicaJvms(@TempDir Path directory) throws Exception {
        Path yaml = Files.writeString(directory.resolve("deployment.yaml"), """
                applications:
                  - name: health-test
                    deployments:
                      - name: Pinger
                        javaOptions: ["-Dtrellis.test.own-option=yes", "-XX:+UseSerialGC"]
                """);

        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-Dtrellis.test.application-option=yes")).deploymentYaml(yaml).start()) {
            // ProcessHandle.Info leaves the arguments of a long command line out; the kernel has them all.
            List<String> arguments = List.of(Files.readString(Path.of("/proc/" + app.replicaPids("Pinger").get(0)
                    + "/cmdline")).split("\0"));

            assertTrue(arguments.contains("-Dtrellis.test.own-option=yes"), arguments.toString());
            assertFalse(arguments.contains("-Dtrellis.test.application-option=yes"), arguments.toString());
            assertEquals("pong:b", app.ingress().call(HealthApplication.PING, new Object[] {"b"}).join());
        }
    }
}
