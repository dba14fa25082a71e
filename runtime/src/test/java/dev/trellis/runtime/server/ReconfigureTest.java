package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.control.ReplicaState;
import dev.trellis.runtime.control.ReplicaStatus;
import dev.trellis.runtime.control.TargetChange;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A changed {@code config} reaches the running replicas through their {@code @Reconfigure} method, as
 * Ray Serve's reconfigure does: the same replicas answer with it; without such a method they are rolled.
 */
class ReconfigureTest {

    record Greeting(String greeting) {}

    /** Greets with its configuration's greeting; it takes a new one in place when {@code reconfigurable}. */
    static final class Greeter {
        volatile String greeting;

        Greeter(Greeting config) {
            this.greeting = config.greeting();
        }
    }

    private static final DeploymentMethod<String> GREET = new DeploymentMethod<>("Greeter", "greet", 0);

    private static ApplicationGraph graph(boolean reconfigurable) {
        Dispatcher<Greeter> dispatcher = new Dispatcher<>() {
            @Override
            public Object dispatch(Greeter target, int method, Object[] args) {
                return target.greeting;
            }

            @Override
            public boolean reconfigure(Greeter target, Object config) {
                if (!reconfigurable) {
                    return false;
                }
                if (((Greeting) config).greeting().equals("boom")) {
                    throw new IllegalStateException("no such greeting");
                }
                target.greeting = ((Greeting) config).greeting();
                return true;
            }

            @Override
            public java.util.Optional<Class<?>> configType() {
                return reconfigurable ? java.util.Optional.of(Greeting.class) : java.util.Optional.empty();
            }
        };
        DeploymentNode<Greeter> node = new DeploymentNode<>("Greeter", new DeploymentSpec(2, 4, -1,
                new ResourceSpec(0.1, 0, 0)), List.of(), context -> new Greeter(context.config(Greeting.class)), dispatcher,
                LocalOnlyWire.listing(GREET));
        return new TestGraph(List.of(node));
    }

    private static ApplicationTarget greeting(TrellisApplication app, String greeting) {
        return ApplicationTarget.builder(app.target().graph()).deploymentYaml(DeploymentYaml.parse(
                "applications: [{name: test, deployments: [{name: Greeter, config: {greeting: " + greeting + "}}]}]",
                "update")).build();
    }

    private static List<String> replicas(TrellisApplication app) {
        return app.status().deployment("Greeter").replicas().stream().map(ReplicaStatus::id).toList();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    private static boolean allRunning(TrellisApplication app) {
        return app.status().deployment("Greeter").replicas().stream()
                .allMatch(replica -> replica.state() == ReplicaState.RUNNING) && replicas(app).size() == 2;
    }

    @Test
    void theSameReplicasTakeANewConfigurationThroughReconfigure() throws Exception {
        try (TrellisApplication app = TestApps.builder(graph(true)).start()) {
            await(() -> allRunning(app), "the Greeter never ran");
            List<String> before = replicas(app);

            TargetChange change = app.apply(greeting(app, "Bonjour")).get(0);

            assertEquals(TargetChange.Kind.IN_PLACE, change.kind());
            assertTrue(change.fields().get(0).equals("config ({} -> {greeting=Bonjour}) through @Reconfigure"),
                    change.fields().toString());
            await(() -> "Bonjour".equals(app.ingress().call(GREET, new Object[0]).join())
                    && "Bonjour".equals(app.ingress().call(GREET, new Object[0]).join()), "never reconfigured");
            for (int i = 0; i < 10; i++) {
                assertEquals("Bonjour", app.ingress().call(GREET, new Object[0]).join(), "every replica took it");
            }
            assertEquals(before, replicas(app), "the same replicas");
        }
    }

    @Test
    void aReplicaWhoseReconfigureFailsIsReplacedWithTheNewConfiguration() throws Exception {
        try (TrellisApplication app = TestApps.builder(graph(true)).start()) {
            await(() -> allRunning(app), "the Greeter never ran");
            List<String> before = replicas(app);

            app.apply(greeting(app, "boom"));

            await(() -> allRunning(app) && replicas(app).stream().noneMatch(before::contains),
                    "the replicas whose @Reconfigure threw were never replaced: " + replicas(app));
        }
    }

    @Test
    void withoutReconfigureANewConfigurationRollsTheReplicas() throws Exception {
        try (TrellisApplication app = TestApps.builder(graph(false)).start()) {
            await(() -> allRunning(app), "the Greeter never ran");
            List<String> before = replicas(app);

            TargetChange change = app.apply(greeting(app, "Hej")).get(0);

            assertEquals(TargetChange.Kind.ROLLED, change.kind());
            await(() -> allRunning(app) && replicas(app).stream().noneMatch(before::contains), "never rolled");
            assertEquals("Hej", app.ingress().call(GREET, new Object[0]).join());
        }
    }
}
