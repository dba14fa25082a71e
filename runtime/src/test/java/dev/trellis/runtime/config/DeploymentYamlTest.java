package dev.trellis.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
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

    /** Where {@code marker} first appears in {@code text}, as "line:column", worked out from the text alone. */
    private static String at(String text, String marker) {
        int index = text.indexOf(marker);
        assertTrue(index >= 0, marker);
        String before = text.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (index - (before.lastIndexOf('\n') + 1) + 1);
    }

    private static final String DEPLOYMENT_FIELDS = "[name, numReplicas, autoscaling, resources, maxOngoingRequests,"
            + " maxQueuedRequests, batch, health, gracefulShutdownTimeoutMillis, config, version, javaOptions, classPath, nodeProfile, canary]";

    private String refusal(String text) throws Exception {
        Path file = yaml(text);
        return assertThrows(ApplicationStartException.class, () -> target(graph(), file)).getMessage();
    }

    private String source() {
        return directory.resolve("deployment.yaml").toString();
    }

    @Test
    void anUnknownDeploymentIsRefusedWhereItIsNamedListingTheOnesThereAre() throws Exception {
        String text = """
                applications:
                  - name: test
                    deployments:
                      - name: Greetr
                        numReplicas: 2
                """;

        assertEquals("The deployment YAML " + source() + ":" + at(text, "name: Greetr") + " names deployment 'Greetr',"
                + " which application 'test' does not have; it has [Greeter]", refusal(text));
    }

    @Test
    void anUnknownFieldOrAnInvalidValueIsRefusedWhereItIs() throws Exception {
        String unknownField = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        replicas: 2
                """;
        assertEquals("The deployment YAML " + source() + ":" + at(unknownField, "replicas") + " sets 'replicas' of"
                + " deployment 'Greeter', which has no such field; it has " + DEPLOYMENT_FIELDS, refusal(unknownField));

        String zero = "applications: [{name: test, deployments: [{name: Greeter, numReplicas: 0}]}]";
        assertEquals("The deployment YAML " + source() + ":" + at(zero, "0}") + " sets deployment 'Greeter' numReplicas"
                + " to 0, which is not a whole number of at least 1", refusal(zero));
    }

    @Test
    void anEntryWithoutAValueOrAnUnknownApplicationFieldIsRefused() throws Exception {
        String noValue = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        config:
                          greeting:
                """;
        assertEquals("The deployment YAML " + source() + ":" + at(noValue, "greeting") + " leaves deployment 'Greeter'"
                + " config entry 'greeting' without a value", refusal(noValue));

        String misspelt = "applications: [{name: test, deployment: []}]";
        assertEquals("The deployment YAML " + source() + ":" + at(misspelt, "deployment:") + " sets 'deployment' of"
                + " application 'test', which has no such field; it has [name, routePrefix, requestTimeoutMillis, topology, nodeProfiles, deployments]",
                refusal(misspelt));
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWhereItBreaks() throws Exception {
        String message = refusal("applications:\n  - name: test\n    deployments: [unclosed\n");

        assertTrue(message.startsWith("The deployment YAML " + source() + ":4:1 is not valid YAML: "), message);
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceInTheOrderOfTheFile() throws Exception {
        String text = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: -1
                        maxQueuedRequests: many
                        colour: blue
                      - name: Shouter
                """;

        assertEquals("The deployment YAML " + source() + " has 4 problems:\n"
                + "  - " + source() + ":" + at(text, "-1") + " sets deployment 'Greeter' numReplicas to -1, which is not"
                + " a whole number of at least 1\n"
                + "  - " + source() + ":" + at(text, "many") + " sets deployment 'Greeter' maxQueuedRequests to the"
                + " string \"many\", which is not a whole number of at least -1\n"
                + "  - " + source() + ":" + at(text, "colour") + " sets 'colour' of deployment 'Greeter', which has no"
                + " such field; it has " + DEPLOYMENT_FIELDS + "\n"
                + "  - " + source() + ":" + at(text, "name: Shouter") + " names deployment 'Shouter', which application"
                + " 'test' does not have; it has [Greeter]",
                refusal(text));
    }

    @Test
    void aKeySetTwiceIsRefusedNamingTheFirst() throws Exception {
        String text = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: 2
                        numReplicas: 3
                """;

        assertEquals("The deployment YAML " + source() + ":" + at(text, "numReplicas: 3") + " sets 'numReplicas' twice"
                + " (first at " + at(text, "numReplicas: 2") + ")", refusal(text));
    }

    @Test
    void tagsNumbersInOtherBasesAndMergeKeysAreRefused() throws Exception {
        String tagged = "applications: [{name: test, deployments: [{name: Greeter, version: !!python/object:os.system x}]}]";
        assertEquals("The deployment YAML " + source() + ":" + at(tagged, "!!python") + " is not valid YAML: Global tag"
                + " is not allowed: tag:yaml.org,2002:python/object:os.system", refusal(tagged));
        String local = "applications: [{name: test, deployments: [{name: Greeter, version: !secret x}]}]";
        assertEquals("The deployment YAML " + source() + ":" + at(local, "!secret") + " tags a value !secret, which a"
                + " deployment YAML does not support: it holds strings, numbers, booleans, lists and mappings only",
                refusal(local));

        String hex = "applications: [{name: test, deployments: [{name: Greeter, numReplicas: 0x10}]}]";
        assertTrue(refusal(hex).contains(at(hex, "0x10") + " writes the number 0x10 in a form a deployment YAML does not"
                + " read; write it in decimal digits"), refusal(hex));

        String merged = """
                defaults: &defaults { maxOngoingRequests: 4 }
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        <<: *defaults
                """;
        assertTrue(refusal(merged).contains(at(merged, "<<") + " uses a merge key (<<)"), refusal(merged));
    }

    @Test
    void anAliasBombIsRefusedBeforeItExpands() throws Exception {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            bomb.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            bomb.append("]\n");
        }
        bomb.append("applications: []\n");

        String message = refusal(bomb.toString());

        assertTrue(message.contains("is not valid YAML: Number of aliases for non-scalar nodes exceeds the specified max"),
                message);
    }

    @Test
    void aDocumentThatExpandsPastTheLimitIsRefused() throws Exception {
        // Few aliases, each standing for many values: within the alias limit, past the values limit.
        StringBuilder wide = new StringBuilder("big: &big [");
        for (int i = 0; i < 20_000; i++) {
            wide.append(i == 0 ? "" : ", ").append(i);
        }
        wide.append("]\nmore: [*big, *big, *big, *big, *big, *big]\napplications: []\n");

        String message = refusal(wide.toString());

        assertTrue(message.contains("holds more than 100000 values once its aliases are expanded"), message);
    }

    @Test
    void anAliasToACollectionThatHoldsItIsRefusedNotFollowedForEver() throws Exception {
        assertTrue(refusal("applications: &a [*a]").contains("holds an alias to a collection that contains it"));
        assertTrue(refusal("x: &a {k: *a}\napplications: []").contains("holds an alias to a collection that contains it"));
    }

    @Test
    void aLongValueRepeatedThroughAliasesIsRefusedWithShortMessages() throws Exception {
        StringBuilder text = new StringBuilder("big: &a \"").append("x".repeat(400_000))
                .append("\"\napplications: [{name: test, deployments: [");
        for (int i = 0; i < 100; i++) {
            text.append(i == 0 ? "" : ", ").append("*a");
        }
        text.append("]}]\n");

        String message = refusal(text.toString());

        assertTrue(message.contains("characters of values once its aliases are expanded"), message.substring(0, Math.min(300, message.length())));
        assertTrue(message.length() < 5_000, "a message of " + message.length() + " characters");
    }

    @Test
    void aFileWithManyProblemsReportsTheFirstFiftyAndHowManyMore() throws Exception {
        StringBuilder text = new StringBuilder("applications:\n  - name: test\n    deployments:\n      - name: Greeter\n");
        for (int i = 0; i < 200; i++) {
            text.append("        field").append(i).append(": 1\n");
        }

        String message = refusal(text.toString());

        assertTrue(message.startsWith("The deployment YAML " + source() + " has 200 problems:"), message);
        assertTrue(message.endsWith("\n  - and 150 more problems after these; fix these first"), message);
        assertEquals(51, message.split("\n  - ").length - 1, "fifty problems and the count of the rest");
    }

    @Test
    void anExplicitBooleanTagOnAnotherWordAndUnderscoresOutOfPlaceAreRefused() throws Exception {
        String maybe = "applications: [{name: test, deployments: [{name: Greeter, config: {flag: !!bool maybe}}]}]";
        assertEquals("The deployment YAML " + source() + ":" + at(maybe, "!!bool") + " tags maybe a boolean, which it is"
                + " not", refusal(maybe));
        String trailing = "applications: [{name: test, deployments: [{name: Greeter, numReplicas: !!int 1_}]}]";
        assertTrue(refusal(trailing).contains("writes the number 1_ in a form a deployment YAML does not read"),
                refusal(trailing));
    }

    @Test
    void aTargetsLongDurationsReadBack() throws Exception {
        ApplicationTarget target = ApplicationTarget.builder(graph()).gracefulShutdownTimeout(Duration.ofDays(30)).build();

        ApplicationTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(target.toDeploymentYaml(), "copy")).build();

        assertEquals(Duration.ofDays(30), copy.deployment("Greeter").gracefulShutdownTimeout());
    }

    @Test
    void aFileTooLargeIsRefusedUnread() throws Exception {
        String huge = "applications: []\n# " + "x".repeat(YamlTree.MAX_CHARACTERS) + "\n";

        assertTrue(refusal(huge).contains("characters long, more than the 1048576 a deployment YAML may have"));
    }

    @Test
    void resourcesHealthShutdownAndTheRequestTimeoutAreOverriddenFieldByField() throws Exception {
        ApplicationTarget target = target(graph(), yaml("""
                applications:
                  - name: test
                    requestTimeoutMillis: 2500
                    deployments:
                      - name: Greeter
                        resources: { gpus: 0.5, memoryMb: 2048 }
                        health: { periodMillis: 1500 }
                        gracefulShutdownTimeoutMillis: 4000
                """));

        DeploymentTarget greeter = target.deployment("Greeter");
        assertEquals(new ResourceSpec(1, 0.5, 2048), greeter.resources(), "cpus stays the code's");
        assertEquals(new HealthSpec(Duration.ofMillis(1500), HealthSpec.DEFAULT.timeout()), greeter.health());
        assertEquals(Duration.ofSeconds(4), greeter.gracefulShutdownTimeout());
        assertEquals(Duration.ofMillis(2500), target.requestTimeout());
        assertEquals(ApplicationGraph.DEFAULT_REQUEST_TIMEOUT, ApplicationTarget.of(graph()).requestTimeout());
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
        String both = "applications: [{name: test, deployments: [{name: Greeter, numReplicas: 2,"
                + " autoscaling: {max: 3}}]}]";
        assertEquals("The deployment YAML " + source() + ":" + at(both, "autoscaling") + " sets both numReplicas and"
                + " autoscaling of deployment 'Greeter'; they are exclusive: a fixed count, or bounds the autoscaler"
                + " chooses within", refusal(both));

        String bounds = "applications: [{name: test, deployments: [{name: Greeter, autoscaling: {min: 5, max: 2,"
                + " lookBack: 10, upscalingFactor: 0}}]}]";
        assertEquals("The deployment YAML " + source() + " has 3 problems:\n"
                + "  - " + source() + ":" + at(bounds, "autoscaling") + " sets the autoscaling of deployment 'Greeter' so"
                + " that min 5 is above max 2\n"
                + "  - " + source() + ":" + at(bounds, "lookBack") + " sets 'lookBack' of deployment 'Greeter'"
                + " autoscaling, which has no such field; it has [min, max, initial, targetOngoingRequests,"
                + " upscaleDelayMillis, downscaleDelayMillis, downscaleToZeroDelayMillis, upscalingFactor,"
                + " downscalingFactor, lookBackMillis, metricsIntervalMillis]\n"
                + "  - " + source() + ":" + at(bounds, "0}") + " sets deployment 'Greeter' autoscaling upscalingFactor"
                + " to 0, which is not a number above 0",
                refusal(bounds));
    }

    @Test
    void aVersionIsAName() throws Exception {
        assertEquals("", target(graph(), yaml("applications: [{name: test, deployments: [{name: Greeter}]}]"))
                .deployment("Greeter").version(), "none given");
        String number = "applications: [{name: test, deployments: [{name: Greeter, version: 2}]}]";

        assertEquals("The deployment YAML " + source() + ":" + at(number, "2}") + " sets deployment 'Greeter' version"
                + " to 2, which is not a non-blank string", refusal(number));
    }

    @Test
    void javaOptionsAreAListOfStringsThatReplacesTheApplications() throws Exception {
        assertEquals(Optional.empty(), target(graph(), yaml("applications: [{name: test, deployments: [{name: Greeter}]}]"))
                .deployment("Greeter").javaOptions(), "none given: the application's");
        assertEquals(Optional.of(List.of("-Xmx2g", "-XX:+UseParallelGC")), target(graph(), yaml(
                "applications: [{name: test, deployments: [{name: Greeter, javaOptions: [-Xmx2g, -XX:+UseParallelGC]}]}]"))
                .deployment("Greeter").javaOptions());
        String text = "applications: [{name: test, deployments: [{name: Greeter, javaOptions: -Xmx2g}]}]";

        assertEquals("The deployment YAML " + source() + ":" + at(text, "-Xmx2g") + " sets deployment 'Greeter'"
                + " javaOptions to the string \"-Xmx2g\", which is not a list of non-blank strings, such as"
                + " [\"-Xmx2g\", \"-XX:+UseSerialGC\"]", refusal(text));
    }

    @Test
    void aConcurrencyLimitBelowABatchIsRefused() throws Exception {
        DeploymentMethod<String> batched = new DeploymentMethod<>("Greeter", "greet", 0, false, new BatchSpec(8, 5, 1));
        DeploymentNode<String> node = new DeploymentNode<>("Greeter", new DeploymentSpec(1, 16, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> "hi", (target, method, args) -> target,
                LocalOnlyWire.listing(batched));
        String text = "applications: [{name: test, deployments: [{name: Greeter, maxOngoingRequests: 4}]}]";
        Path file = yaml(text);

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> target(new TestGraph(List.of(node)), file));

        assertEquals("The deployment YAML " + file + ":" + at(text, "maxOngoingRequests") + " sets maxOngoingRequests"
                + " of deployment 'Greeter' to 4, below the batch maxSize 8 of Greeter.greet: no batch could fill",
                refused.getMessage());
    }

    /** A deployment whose one method, {@code @Batch(maxSize = 8, maxWaitMillis = 200)}, answers each item doubled. */
    private static ApplicationGraph batchingGraph() {
        DeploymentMethod<Integer> batched = new DeploymentMethod<>("Greeter", "greet", 0, false, new BatchSpec(8, 200, 1));
        DeploymentNode<String> node = new DeploymentNode<>("Greeter", new DeploymentSpec(1, 16, -1,
                new ResourceSpec(1, 0, 0)), List.of(), context -> "batcher", (target, method, args) -> {
                    List<?> items = (List<?>) args[0];
                    return items.stream().map(item -> (Integer) item * 2).toList();
                }, LocalOnlyWire.listing(batched));
        return new TestGraph(List.of(node));
    }

    @Test
    void aBatchIsSetFieldByFieldOverItsAnnotationAndReplicasBatchSo() throws Exception {
        Path file = yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        batch:
                          greet: { maxSize: 2 }
                """);
        DeploymentMethod<Integer> greet = new DeploymentMethod<>("Greeter", "greet", 0, false, new BatchSpec(8, 200, 1));

        try (TrellisApplication app = TestApps.builder(batchingGraph()).deploymentYaml(file).start()) {
            assertEquals(new BatchSpec(2, 200, 1), app.target().deployment("Greeter").batch(greet), "the wait is the code's");
            List<dev.trellis.runtime.DeploymentResponse<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(app.ingress().call(greet, new Object[] {i}));
            }
            assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14), dev.trellis.runtime.DeploymentResponse.joinAll(calls));
            // Eight calls at once would make one batch of eight under the annotation's maxSize; the
            // YAML's makes batches of at most two, and only those are counted here.
            long[] sizes = app.batchSizes("Greeter", "greet");
            assertEquals(3, sizes.length);
            assertEquals(8, sizes[1] + 2 * sizes[2], java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void aBatchOfAMethodThatDoesNotBatchIsRefused() throws Exception {
        String text = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        batch:
                          shout: { maxSize: 2 }
                          greet: { maxWaitMillis: -1 }
                """;
        Path file = yaml(text);

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> ApplicationTarget.builder(batchingGraph()).deploymentYaml(DeploymentYaml.read(file)).build());

        assertEquals("The deployment YAML " + file + " has 2 problems:\n"
                + "  - " + file + ":" + at(text, "shout") + " sets the batching of 'shout' of deployment 'Greeter', which"
                + " batches only [greet]\n"
                + "  - " + file + ":" + at(text, "-1") + " sets deployment 'Greeter' batch of method 'greet'"
                + " maxWaitMillis to -1, which is not a whole number from 0 to 31622400000", refused.getMessage());
    }

    @Test
    void theHealthFailureThresholdIsTheDeploymentYamls() throws Exception {
        ApplicationTarget target = target(graph(), yaml(
                "applications: [{name: test, deployments: [{name: Greeter, health: {failureThreshold: 1}}]}]"));

        assertEquals(new HealthSpec(HealthSpec.DEFAULT.period(), HealthSpec.DEFAULT.timeout(), 1),
                target.deployment("Greeter").health());
        assertEquals(HealthSpec.FAILURES_TO_REPLACE, ApplicationTarget.of(graph()).deployment("Greeter").health()
                .failureThreshold());
    }

    @Test
    void theTopologyAndTheRoutePrefixAreNamesFromTheirChoices() throws Exception {
        DeploymentYaml good = DeploymentYaml.parse("applications: [{name: test, topology: processes, routePrefix: /ocr}]",
                "file");
        assertEquals(Optional.of(Topology.PROCESSES), good.application("test").orElseThrow().topology());
        assertEquals("/ocr", ApplicationTarget.builder(graph()).deploymentYaml(good).build().routePrefix());
        assertEquals("", ApplicationTarget.builder(graph()).deploymentYaml(DeploymentYaml.parse(
                "applications: [{name: test, routePrefix: /}]", "file")).build().routePrefix(), "/ is the root");

        String text = "applications: [{name: test, topology: cluster, routePrefix: /-/admin}]";
        assertEquals("The deployment YAML " + source() + " has 2 problems:\n"
                + "  - " + source() + ":" + at(text, "cluster") + " sets application 'test' topology to the string"
                + " \"cluster\", which is not one of [local, processes, kubernetes]\n"
                + "  - " + source() + ":" + at(text, "/-/admin") + " sets application 'test' routePrefix to the string"
                + " \"/-/admin\", which is not a path such as \"/ocr\": a slash, then segments of letters, digits and"
                + " . _ ~ -, not starting with - (the server's own /-/ paths) and not ending with /", refusal(text));
        assertFalse(DeploymentYaml.parse("applications: [{name: test, routePrefix: /ocr/}]", "f").problems().isEmpty());
    }

    @Test
    void configValuesOfAnyCharactersReadBackAsWritten() throws Exception {
        String awkward = "caf\u00e9 \u0085 \u2028 \u2029 \u007f \u0080 \t \"quoted\" 'single' # not a comment: yes";
        ApplicationTarget original = ApplicationTarget.builder(graph()).deploymentYaml(DeploymentYaml.parse(
                "applications: [{name: test, deployments: [{name: Greeter, config: {greeting: \"caf\\u00e9 \\N \\L \\P"
                        + " \\x7f \\x80 \\t \\\"quoted\\\" 'single' # not a comment: yes\", \"key: with colon\": [1, \"2\","
                        + " true, \"true\", null], nested: {on: \"off\", n: 1.5e3}}}]}]", "awkward")).build();
        assertEquals(awkward, original.deployment("Greeter").config().get("greeting"));

        ApplicationTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(original.toDeploymentYaml(), "copy")).build();

        assertEquals(original.deployment("Greeter").config(), copy.deployment("Greeter").config());
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
                        resources: { cpus: 0.25, gpus: 0.5, memoryMb: 300 }
                        health: { periodMillis: 700, timeoutMillis: 900, failureThreshold: 2 }
                        gracefulShutdownTimeoutMillis: 1234
                    requestTimeoutMillis: 4321
                    routePrefix: /greet
                """));

        ApplicationTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(original.toDeploymentYaml(), "copy")).build();

        assertEquals(original.deployment("Greeter").scaling(), copy.deployment("Greeter").scaling());
        assertEquals(9, copy.deployment("Greeter").maxQueuedRequests());
        assertEquals(original.deployment("Greeter").config(), copy.deployment("Greeter").config());
        assertEquals("2026-12-01", copy.deployment("Greeter").version());
        assertEquals(Optional.of(List.of("-Xmx256m")), copy.deployment("Greeter").javaOptions());
        assertEquals(new ResourceSpec(0.25, 0.5, 300), copy.deployment("Greeter").resources());
        assertEquals(new HealthSpec(Duration.ofMillis(700), Duration.ofMillis(900), 2), copy.deployment("Greeter").health());
        assertEquals(Duration.ofMillis(1234), copy.deployment("Greeter").gracefulShutdownTimeout());
        assertEquals(Duration.ofMillis(4321), copy.requestTimeout());
        assertEquals("/greet", copy.routePrefix());
    }

    @Test
    void aCanaryTakesTheDeploymentsFieldsUnderItsOwnAndWritesItselfBack() throws Exception {
        ApplicationTarget target = target(graph(), yaml("""
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        numReplicas: 3
                        version: v1
                        config: { greeting: "Hej", punctuation: "!" }
                        classPath: [/opt/greeter-1.jar]
                        canary:
                          trafficPercent: 12.5
                          version: v2
                          numReplicas: 1
                          config: { greeting: "Hallo" }
                          classPath: [/opt/greeter-2.jar, /opt/lib]
                """));

        DeploymentTarget greeter = target.deployment("Greeter");
        DeploymentTarget.Canary canary = greeter.canary().orElseThrow();
        assertEquals(12.5, canary.trafficPercent());
        assertEquals("v2", canary.target().version());
        assertEquals(new Scaling.Fixed(1), canary.target().scaling());
        assertEquals(Map.of("greeting", "Hallo", "punctuation", "!"), canary.target().config(), "entry by entry over its own");
        assertEquals(Optional.of(List.of("/opt/greeter-2.jar", "/opt/lib")), canary.target().classPath());
        assertEquals(greeter.maxOngoingRequests(), canary.target().maxOngoingRequests(), "the deployment's limits");
        assertEquals(new Scaling.Fixed(3), greeter.scaling());

        DeploymentTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(target.toDeploymentYaml(), "copy")).build().deployment("Greeter");
        assertEquals(12.5, copy.canary().orElseThrow().trafficPercent());
        assertEquals(canary.target().config(), copy.canary().orElseThrow().target().config());
        assertEquals(canary.target().classPath(), copy.canary().orElseThrow().target().classPath());
        assertEquals(Optional.of(List.of("/opt/greeter-1.jar")), copy.classPath());
    }

    @Test
    void aCanaryNeedsItsShareWithinAHundredPercentAndHasNoLimitsOfItsOwn() throws Exception {
        String text = """
                applications:
                  - name: test
                    deployments:
                      - name: Greeter
                        canary: { trafficPercent: 120, maxOngoingRequests: 3 }
                      - name: Other
                        canary: { version: v2 }
                """;
        String refusal = refusal(text);

        assertTrue(refusal.contains(at(text, "120") + " sets deployment 'Greeter' canary trafficPercent to 120, which is"
                + " not a number from 0 to 100"), refusal);
        assertTrue(refusal.contains(at(text, "maxOngoingRequests: 3") + " sets 'maxOngoingRequests' of deployment"
                + " 'Greeter' canary, which has no such field"), refusal);
        assertTrue(refusal.contains("trafficPercent"), refusal);
        assertTrue(refusal.contains(at(text, "{ version: v2 }")), "the canary without a share, where it is: " + refusal);
    }

    @Test
    void aNodeProfileMustBeDeclaredByTheApplicationAndReadsBack() throws Exception {
        String undeclared = """
                applications:
                  - name: test
                    nodeProfiles:
                      spot-cpu: { tolerations: [{ key: spot, operator: Exists }] }
                    deployments:
                      - name: Greeter
                        nodeProfile: gpu-a100
                """;
        assertEquals("The deployment YAML " + source() + ":" + at(undeclared, "nodeProfile: gpu") + " names nodeProfile"
                + " 'gpu-a100' for Greeter, which the application's nodeProfiles do not declare; it declares [spot-cpu]",
                refusal(undeclared));

        ApplicationTarget target = target(graph(), yaml(undeclared.replace("gpu-a100", "spot-cpu")));
        assertEquals(Optional.of("spot-cpu"), target.deployment("Greeter").nodeProfile());
        ApplicationTarget copy = ApplicationTarget.builder(graph())
                .deploymentYaml(DeploymentYaml.parse(target.toDeploymentYaml(), "copy")).build();
        assertEquals(target.nodeProfiles(), copy.nodeProfiles());
        assertEquals(List.of(Map.of("key", "spot", "operator", "Exists")), copy.nodeProfiles().get("spot-cpu").tolerations());
    }
}
