package dev.trellis.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.DeploymentNode;
import dev.trellis.runtime.spi.DeploymentSpec;
import dev.trellis.runtime.spi.ResourceSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment YAML overrides the generated settings and configuration, and refuses what it cannot mean. */
class DeploymentYamlTest {

    @TempDir
    Path directory;

    private final List<String> greetings = new CopyOnWriteArrayList<>();

    private ApplicationGraph graph() {
        DeploymentNode<String> node = new DeploymentNode<>("Greeter", new DeploymentSpec(1, 5, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> {
                    String greeting = context.configValue("greeting", String.class);
                    greetings.add(greeting);
                    return greeting;
                }, (target, method, args) -> target, LocalOnlyWire.INSTANCE);
        return new TestGraph(List.of(node)); // named "test"
    }

    private Path yaml(String text) throws Exception {
        return Files.writeString(directory.resolve("deployment.yaml"), text);
    }

    @Test
    void replicasLimitsAndConfigurationAreOverriddenWithoutARebuild() throws Exception {
        ApplicationGraph overridden = DeploymentYaml.apply(graph(), yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: 3
                        maxOngoingRequests: 7
                        config: { greeting: "Bonjour" }
                """));

        try (LocalApplication app = LocalApplication.start(overridden)) {
            assertEquals(List.of("Bonjour", "Bonjour", "Bonjour"), greetings);
            assertEquals(7, overridden.nodes().get(0).spec().maxOngoingRequests());
            assertEquals("Bonjour", app.ingress().call(new DeploymentMethod<String>("Greeter", "greet", 0),
                    new Object[0]).join());
        }
    }

    @Test
    void anotherApplicationsEntryChangesNothing() throws Exception {
        ApplicationGraph graph = graph();

        assertSame(graph, DeploymentYaml.apply(graph, yaml("applications: [{name: other, deployments: []}]")));
    }

    @Test
    void anUnknownDeploymentIsRefusedNamingTheOnesThereAre() throws Exception {
        Path file = yaml("applications: [{name: test, deployments: [{name: Greetr, numReplicas: 2}]}]");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), file));

        assertEquals("The deployment YAML " + file + " names deployment 'Greetr', which application 'test' does not"
                + " have; it has [Greeter]", refused.getMessage());
    }

    @Test
    void anUnknownFieldOrAnInvalidValueIsRefused() throws Exception {
        Path unknownField = yaml("applications: [{name: test, deployments: [{name: Greeter, replicas: 2}]}]");
        ApplicationStartException field = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), unknownField));
        assertEquals("The deployment YAML " + unknownField + " sets 'replicas' of deployment 'Greeter'; it can set"
                + " [config, maxOngoingRequests, maxQueuedRequests, numReplicas]", field.getMessage());

        Path zero = yaml("applications: [{name: test, deployments: [{name: Greeter, numReplicas: 0}]}]");
        ApplicationStartException value = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), zero));
        assertEquals("The deployment YAML " + zero + " sets deployment 'Greeter' numReplicas to 0, which is not a"
                + " whole number of at least 1", value.getMessage());
    }

    @Test
    void anEntryWithoutAValueOrAnUnknownApplicationFieldIsRefused() throws Exception {
        Path noValue = yaml("applications: [{name: test, deployments: [{name: Greeter, config: {greeting: }}]}]");
        ApplicationStartException empty = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), noValue));
        assertEquals("The deployment YAML " + noValue + " leaves config entry 'greeting' of deployment 'Greeter'"
                + " without a value", empty.getMessage());

        Path misspelt = yaml("applications: [{name: test, deployment: []}]");
        ApplicationStartException field = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), misspelt));
        assertEquals("The deployment YAML " + misspelt + " sets 'deployment' of application 'test'; an application"
                + " entry has a name and deployments", field.getMessage());
    }

    @Test
    void aFileThatIsNotYamlIsRefused() throws Exception {
        Path broken = yaml("applications: [unclosed");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> DeploymentYaml.apply(graph(), broken));

        assertEquals(true, refused.getMessage().startsWith("The deployment YAML " + broken + " cannot be read"));
    }
}
