package dev.trellis.runtime.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.topology.process.HealthApplication;

/**
 * Whatever text a deployment YAML holds, reading it collects problems and never throws; building a
 * target from it gives the target or one {@link ApplicationStartException} listing the problems.
 */
class DeploymentYamlFuzzTest {

    private static final HealthApplication GRAPH = new HealthApplication();

    @FuzzTest(maxDuration = "30s")
    void anyTextIsReadOrRefusedWithItsProblems(byte[] bytes) {
        // As a file is read: its bytes as UTF-8, malformed sequences replaced.
        DeploymentYaml yaml = DeploymentYaml.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "fuzz.yaml");
        try {
            ApplicationTarget.builder(GRAPH).deploymentYaml(java.util.Optional.of(yaml)).build();
        } catch (ApplicationStartException expected) {
            // the problems, with their lines and columns
        }
    }
}
