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

    @Test
    void aRolledDeploymentsNewReplicaProcessesGetTheNewTargetAndTheOldOnesGo(@TempDir Path directory) throws Exception {
        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1")).start()) {
            List<Long> before = app.replicaPids("Pinger");
            dev.trellis.runtime.config.ApplicationTarget next = dev.trellis.runtime.config.ApplicationTarget
                    .builder(app.target().graph()).deploymentYaml(dev.trellis.runtime.config.DeploymentYaml.parse("""
                            applications:
                              - name: health-test
                                deployments:
                                  - name: Pinger
                                    version: v2
                                    javaOptions: ["-XX:TieredStopAtLevel=1", "-Dtrellis.test.rolled=yes"]
                            """, "update")).build();

            assertEquals(dev.trellis.runtime.control.TargetChange.Kind.ROLLED, app.apply(next).stream()
                    .filter(change -> change.deployment().equals("Pinger")).findFirst().orElseThrow().kind());
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            List<Long> after = app.replicaPids("Pinger");
            while (after.size() != before.size() || after.stream().anyMatch(before::contains)
                    || !app.status().deployment("Pinger").replicas().stream().allMatch(replica ->
                            replica.state() == dev.trellis.runtime.control.ReplicaState.RUNNING)) {
                assertEquals("pong:c", app.ingress().call(HealthApplication.PING, new Object[] {"c"}).join(),
                        "it serves throughout the roll");
                assertTrue(System.nanoTime() < deadline, "the Pinger was never rolled over: " + before + " -> " + after);
                Thread.sleep(50);
                after = app.replicaPids("Pinger");
            }

            List<String> arguments = List.of(Files.readString(Path.of("/proc/" + after.get(0) + "/cmdline")).split("\0"));
            assertTrue(arguments.contains("-Dtrellis.test.rolled=yes"), arguments.toString());
            assertEquals("v2", app.status().deployment("Pinger").version());
            assertTrue(before.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                    "the old replica processes are gone");
            assertEquals("pong:d", app.ingress().call(HealthApplication.PING, new Object[] {"d"}).join());
        }
    }

    @Test
    void aCanaryRunsItsOwnClassPathInItsOwnProcessesAndIsPromotedWithoutARestart(@TempDir Path directory)
            throws Exception {
        Path version2 = directory.resolve("v2");
        Files.createDirectories(version2.resolve("trellis-test"));
        Files.writeString(version2.resolve(HealthApplication.PONG_RESOURCE), "v2");
        List<String> classPath = new java.util.ArrayList<>(List.of(version2.toString()));
        classPath.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        String entries = classPath.stream().map(entry -> "\"" + entry + "\"").collect(java.util.stream.Collectors
                .joining(", ", "[", "]"));

        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1")).start()) {
            List<Long> own = app.replicaPids("Pinger");
            app.apply(target(app, "canary: { version: v2, trafficPercent: 100, classPath: " + entries + " }"));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            String answer = app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join();
            while (!answer.equals("v2:a")) {
                assertEquals("pong:a", answer, "the deployment's own replica serves until the canary's runs");
                assertTrue(System.nanoTime() < deadline, "the canary never took the calls");
                Thread.sleep(50);
                answer = app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join();
            }
            List<Long> canary = app.replicaPids("Pinger").stream().filter(pid -> !own.contains(pid)).toList();
            assertEquals(1, canary.size(), app.replicaPids("Pinger").toString());

            app.apply(target(app, "version: v2\n        classPath: " + entries));
            while (app.replicaPids("Pinger").size() != 1 || app.status().deployment("Pinger").canary().isPresent()) {
                assertEquals("v2:b", app.ingress().call(HealthApplication.PING, new Object[] {"b"}).join(),
                        "the promoted canary serves throughout");
                assertTrue(System.nanoTime() < deadline, "the old replica never left: " + app.replicaPids("Pinger"));
                Thread.sleep(50);
            }

            assertEquals(canary, app.replicaPids("Pinger"), "promoted: the canary's process is the deployment's now");
            assertEquals("v2", app.status().deployment("Pinger").version());
        }
    }

    private static dev.trellis.runtime.config.ApplicationTarget target(TrellisApplication app, String fields) {
        return dev.trellis.runtime.config.ApplicationTarget.builder(app.target().graph()).deploymentYaml(
                dev.trellis.runtime.config.DeploymentYaml.parse("""
                        applications:
                          - name: health-test
                            deployments:
                              - name: Pinger
                                %s
                        """.formatted(fields), "update")).build();
    }
}
