package dev.trellis.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.BatchSpec;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment YAML overrides the generated settings and configuration field by field, and refuses what
 * it cannot mean, reporting every problem of a file at once.
 */
class DeploymentYamlTest {

    @TempDir
    Path directory;

    private final List<String> greetings = new CopyOnWriteArrayList<>();

    private ApplicationGraph graph() {
        return graph(new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0)));
    }

    private ApplicationGraph graph(DeploymentSpec spec) {
        DeploymentNode<String> node = new DeploymentNode<>("Greeter", spec, List.of(), context -> {
            String greeting = context.configValue("greeting", String.class);
            greetings.add(greeting);
            return greeting;
        }, (target, method, args) -> target, LocalOnlyWire.INSTANCE);
        return new TestGraph(List.of(node)); // named "test"
    }

    private Path yaml(String text) throws Exception {
        return Files.writeString(directory.resolve("deployment.yaml"), text);
    }

    private ApplicationTarget target(ApplicationGraph graph, Path file) {
        return ApplicationTarget.builder(graph).deploymentYaml(DeploymentYaml.read(file)).build();
    }

    @Test
    void replicasLimitsAndConfigurationAreOverriddenWithoutARebuild() throws Exception {
        Path file = yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: 3
                        maxOngoingRequests: 7
                        config: { greeting: "Bonjour" }
                """);

        try (TrellisApplication app = TestApps.builder(graph()).deploymentYaml(file).start()) {
            assertEquals(List.of("Bonjour", "Bonjour", "Bonjour"), greetings);
            assertEquals(7, app.target().deployment("Greeter").maxOngoingRequests());
            assertEquals("Bonjour", app.ingress().call(new DeploymentMethod<String>("Greeter", "greet", 0),
                    new Object[0]).join());
        }
    }

    @Test
    void anotherApplicationsEntryChangesNothing() throws Exception {
        ApplicationTarget target = target(graph(), yaml("applications: [{name: other, deployments: []}]"));

        assertEquals(new Scaling.Fixed(1), target.deployment("Greeter").scaling());
        assertEquals(5, target.deployment("Greeter").maxOngoingRequests());
    }

    @Test
    void anUnknownDeploymentIsRefusedNamingTheOnesThereAre() throws Exception {
        Path file = yaml("applications: [{name: test, deployments: [{name: Greetr, numReplicas: 2}]}]");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class, () -> target(graph(), file));

        assertEquals("The deployment YAML " + file + " names deployment 'Greetr', which application 'test' does not"
                + " have; it has [Greeter]", refused.getMessage());
    }

    @Test
    void anUnknownFieldOrAnInvalidValueIsRefused() throws Exception {
        Path unknownField = yaml("applications: [{name: test, deployments: [{name: Greeter, replicas: 2}]}]");
        ApplicationStartException field = assertThrows(ApplicationStartException.class,
                () -> target(graph(), unknownField));
        assertEquals("The deployment YAML " + unknownField + " sets 'replicas' of deployment 'Greeter'; it can set"
                + " [autoscaling, config, javaOptions, maxOngoingRequests, maxQueuedRequests, numReplicas, version]", field.getMessage());

        Path zero = yaml("applications: [{name: test, deployments: [{name: Greeter, numReplicas: 0}]}]");
        ApplicationStartException value = assertThrows(ApplicationStartException.class, () -> target(graph(), zero));
        assertEquals("The deployment YAML " + zero + " sets deployment 'Greeter' numReplicas to 0, which is not a"
                + " whole number of at least 1", value.getMessage());
    }

    @Test
    void anEntryWithoutAValueOrAnUnknownApplicationFieldIsRefused() throws Exception {
        Path noValue = yaml("applications: [{name: test, deployments: [{name: Greeter, config: {greeting: }}]}]");
        ApplicationStartException empty = assertThrows(ApplicationStartException.class, () -> target(graph(), noValue));
        assertEquals("The deployment YAML " + noValue + " leaves config entry 'greeting' of deployment 'Greeter'"
                + " without a value", empty.getMessage());

        Path misspelt = yaml("applications: [{name: test, deployment: []}]");
        ApplicationStartException field = assertThrows(ApplicationStartException.class,
                () -> target(graph(), misspelt));
        assertEquals("The deployment YAML " + misspelt + " sets 'deployment' of application 'test'; an application"
                + " entry has a name and deployments", field.getMessage());
    }

    @Test
    void aFileThatIsNotYamlIsRefused() throws Exception {
        Path broken = yaml("applications: [unclosed");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class, () -> target(graph(), broken));

        assertTrue(refused.getMessage().startsWith("The deployment YAML " + broken + " cannot be read"));
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws Exception {
        Path file = yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: -1
                        maxQueuedRequests: many
                        colour: blue
                      - name: Shouter
                """);

        ApplicationStartException refused = assertThrows(ApplicationStartException.class, () -> target(graph(), file));

        assertEquals("The deployment YAML " + file + " has 4 problems:\n"
                + "  - sets 'colour' of deployment 'Greeter'; it can set [autoscaling, config, javaOptions,"
                + " maxOngoingRequests, maxQueuedRequests, numReplicas, version]\n"
                + "  - sets deployment 'Greeter' numReplicas to -1, which is not a whole number of at least 1\n"
                + "  - sets deployment 'Greeter' maxQueuedRequests to \"many\", which is not a whole number of at least -1\n"
                + "  - names deployment 'Shouter', which application 'test' does not have; it has [Greeter]",
                refused.getMessage());
    }

    @Test
    void autoscalingIsSetFieldByFieldOverTheCodesAndReplacesAFixedCount() throws Exception {
        ApplicationGraph autoscaled = graph(DeploymentSpec.autoscaled(AutoscalingSpec.between(1, 4), 5, -1,
                new ResourceSpec(1, 0, 0), HealthSpec.DEFAULT));
        ApplicationTarget tuned = target(autoscaled, yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        autoscaling: { max: 8, targetOngoingRequests: 4, upscaleDelayMillis: 500 }
                """));
        AutoscalingSpec policy = ((Scaling.Autoscaled) tuned.deployment("Greeter").scaling()).policy();
        assertEquals(1, policy.minReplicas(), "the code's");
        assertEquals(8, policy.maxReplicas());
        assertEquals(4.0, policy.targetOngoingRequests());
        assertEquals(Duration.ofMillis(500), policy.upscaleDelay());
        assertEquals(AutoscalingSpec.DEFAULT_DOWNSCALE_DELAY, policy.downscaleDelay(), "the code's default");

        ApplicationTarget fixed = target(autoscaled, yaml("applications: [{name: test, deployments: [{name: Greeter,"
                + " numReplicas: 2}]}]"));
        assertEquals(new Scaling.Fixed(2), fixed.deployment("Greeter").scaling(), "numReplicas turns autoscaling off");

        ApplicationTarget scaled = target(graph(), yaml("applications: [{name: test, deployments: [{name: Greeter,"
                + " autoscaling: {min: 0, max: 3}}]}]"));
        AutoscalingSpec fromFixed = ((Scaling.Autoscaled) scaled.deployment("Greeter").scaling()).policy();
        assertEquals(List.of(0, 3, 1), List.of(fromFixed.minReplicas(), fromFixed.maxReplicas(),
                fromFixed.initialReplicas()));
    }

    @Test
    void numReplicasAndAutoscalingAreExclusiveAndInvalidBoundsAreRefused() throws Exception {
        Path both = yaml("applications: [{name: test, deployments: [{name: Greeter, numReplicas: 2,"
                + " autoscaling: {max: 3}}]}]");
        ApplicationStartException exclusive = assertThrows(ApplicationStartException.class, () -> target(graph(), both));
        assertEquals("The deployment YAML " + both + " sets both numReplicas and autoscaling of deployment 'Greeter';"
                + " they are exclusive: a fixed count, or bounds the autoscaler chooses within", exclusive.getMessage());

        Path bounds = yaml("applications: [{name: test, deployments: [{name: Greeter, autoscaling: {min: 5, max: 2,"
                + " lookBack: 10, upscalingFactor: 0}}]}]");
        ApplicationStartException invalid = assertThrows(ApplicationStartException.class, () -> target(graph(), bounds));
        assertEquals("The deployment YAML " + bounds + " has 3 problems:\n"
                + "  - sets 'lookBack' of the autoscaling of deployment 'Greeter'; it can set [downscaleDelayMillis,"
                + " downscaleToZeroDelayMillis, downscalingFactor, initial, lookBackMillis, max, metricsIntervalMillis,"
                + " min, targetOngoingRequests, upscaleDelayMillis, upscalingFactor]\n"
                + "  - sets the autoscaling of deployment 'Greeter' upscalingFactor to 0, which is not a number above 0\n"
                + "  - sets the autoscaling of deployment 'Greeter' so that min 5 is above max 2",
                invalid.getMessage());
    }

    @Test
    void aVersionIsAName() throws Exception {
        assertEquals("", target(graph(), yaml("applications: [{name: test, deployments: [{name: Greeter}]}]"))
                .deployment("Greeter").version(), "none given");
        Path number = yaml("applications: [{name: test, deployments: [{name: Greeter, version: 2}]}]");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class, () -> target(graph(), number));

        assertEquals("The deployment YAML " + number + " sets deployment 'Greeter' version to 2, which is not a"
                + " non-blank string", refused.getMessage());
    }

    @Test
    void javaOptionsAreAListOfStringsThatReplacesTheApplications() throws Exception {
        assertEquals(Optional.empty(), target(graph(), yaml("applications: [{name: test, deployments: [{name: Greeter}]}]"))
                .deployment("Greeter").javaOptions(), "none given: the application's");
        assertEquals(Optional.of(List.of("-Xmx2g", "-XX:+UseParallelGC")), target(graph(), yaml(
                "applications: [{name: test, deployments: [{name: Greeter, javaOptions: [-Xmx2g, -XX:+UseParallelGC]}]}]"))
                .deployment("Greeter").javaOptions());
        Path text = yaml("applications: [{name: test, deployments: [{name: Greeter, javaOptions: -Xmx2g}]}]");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class, () -> target(graph(), text));

        assertEquals("The deployment YAML " + text + " sets deployment 'Greeter' javaOptions to \"-Xmx2g\", which is"
                + " not a list of non-blank strings, such as [\"-Xmx2g\", \"-XX:+UseSerialGC\"]", refused.getMessage());
    }

    @Test
    void aConcurrencyLimitBelowABatchIsRefused() throws Exception {
        DeploymentMethod<String> batched = new DeploymentMethod<>("Greeter", "greet", 0, false, new BatchSpec(8, 5, 1));
        DeploymentNode<String> node = new DeploymentNode<>("Greeter", new DeploymentSpec(1, 16, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> "hi", (target, method, args) -> target,
                LocalOnlyWire.listing(batched));
        Path file = yaml("applications: [{name: test, deployments: [{name: Greeter, maxOngoingRequests: 4}]}]");

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> target(new TestGraph(List.of(node)), file));

        assertEquals("The deployment YAML " + file + " sets maxOngoingRequests of deployment 'Greeter' to 4, below the"
                + " @Batch(maxSize = 8) of Greeter.greet: no batch could fill", refused.getMessage());
    }

    @Test
    void theTargetWritesItselfAsADeploymentYamlThatReadsBackTheSame() throws Exception {
        ApplicationTarget original = target(graph(), yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        autoscaling: { min: 0, max: 3, upscaleDelayMillis: 250 }
                        maxQueuedRequests: 9
                        config: { greeting: "Hej" }
                        version: "2026-12-01"
                        javaOptions: ["-Xmx256m"]
                """));

        ApplicationTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(original.toDeploymentYaml(), "copy")).build();

        assertEquals(original.deployment("Greeter").scaling(), copy.deployment("Greeter").scaling());
        assertEquals(9, copy.deployment("Greeter").maxQueuedRequests());
        assertEquals(original.deployment("Greeter").config(), copy.deployment("Greeter").config());
        assertEquals("2026-12-01", copy.deployment("Greeter").version());
        assertEquals(Optional.of(List.of("-Xmx256m")), copy.deployment("Greeter").javaOptions());
    }
}
