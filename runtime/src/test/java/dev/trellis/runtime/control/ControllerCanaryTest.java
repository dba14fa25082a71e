package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import dev.trellis.runtime.time.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment's canary, deterministically (a scripted backend, a clock moved by hand): it starts beside
 * the deployment, takes its share of the calls only once its replicas all run, shifts in place, ends, and
 * is promoted without a new replica.
 */
class ControllerCanaryTest {

    private final ManualTicker ticker = new ManualTicker();
    private final FakeBackend backend = new FakeBackend();
    private Controller controller;

    @BeforeEach
    void start() {
        start(new DeploymentSpec(2, 1, -1, new ResourceSpec(1, 0, 0), HealthSpec.ofMillis(100, 50)));
        advanceUntil(() -> status().running() == 2);
    }

    private void start(DeploymentSpec spec) {
        DeploymentNode<Object> node = new DeploymentNode<>("W", spec, List.of(), context -> new Object(),
                (target, method, args) -> null, LocalOnlyWire.listing(WORK));
        controller = Controller.builder(ApplicationTarget.of(new TestGraph(List.of(node))), backend).ticker(ticker)
                .loop(Runnable::run).node(NodeResources.of(8, 1024, 0)).controlInterval(Duration.ofMillis(100))
                .startTimeout(Duration.ofSeconds(60)).start();
    }

    private static final dev.trellis.runtime.DeploymentMethod<String> WORK =
            new dev.trellis.runtime.DeploymentMethod<>("W", "work", 0);

    @Test
    void callsWaitingForACanaryAtAHundredPercentScaleTheCanaryNotTheDeploymentsOwn() {
        controller.close();
        start(dev.trellis.runtime.graph.DeploymentSpec.autoscaled(new dev.trellis.runtime.graph.AutoscalingSpec(1, 3, 1,
                1, Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofSeconds(60), 1, 1, Duration.ofMillis(100),
                Duration.ofMillis(100)), 1, -1, new ResourceSpec(1, 0, 0), HealthSpec.ofMillis(100, 50)));
        advanceUntil(() -> status().running() == 1);
        apply("{name: W, canary: {version: v2, autoscaling: {min: 1, max: 3, initial: 1}, trafficPercent: 100}}");
        advanceUntil(() -> controller.router("W").canaryPercent() == 100);

        for (int call = 0; call < 4; call++) {
            controller.channel("W").call(WORK, new Object[0]); // the canary's one replica holds one, three wait
        }
        ticker.advance(Duration.ofSeconds(2));

        assertEquals(1, status().targetReplicas(), "the deployment's own replica gets no call: it does not scale");
        assertEquals(3, status().canary().orElseThrow().track().targetReplicas(), "the canary scales for the calls");
    }

    @AfterEach
    void close() {
        controller.close();
    }

    @Test
    void aCanaryTakesItsShareOnceItsReplicasRunAndShiftsInPlace() {
        backend.starts = launch -> launch.canary() ? FakeBackend.Start.WAIT : FakeBackend.Start.AT_ONCE;

        TargetChange added = apply("{name: W, numReplicas: 2, canary: {version: v2, numReplicas: 1, trafficPercent: 10}}");
        ticker.advance(Duration.ofMillis(500));

        assertEquals(TargetChange.Kind.ROLLED, added.kind(), added.toString());
        assertEquals(1, added.fields().size(), added.toString());
        assertTrue(added.fields().get(0).startsWith("canary started: version 'v2', 1 replica, 10% of the calls once it runs"), added.toString());
        assertEquals(0, controller.router("W").canaryPercent(), "no share before its replica runs");
        assertEquals(0, status().canary().orElseThrow().servingPercent());

        backend.replica("W.canary-0").reportStarted();
        advanceUntil(() -> controller.router("W").canaryPercent() == 10);
        assertTrue(backend.log.contains("members W [W-0, W-1, W.canary-0] canary [W.canary-0] 10.0%"), backend.log.toString());
        assertEquals("v2", status().canary().orElseThrow().track().replicas().get(0).version());
        int before = backend.lifecycle().size();

        TargetChange shifted = apply("{name: W, numReplicas: 2, canary: {version: v2, numReplicas: 1, trafficPercent: 50}}");
        advanceUntil(() -> controller.router("W").canaryPercent() == 50);

        assertEquals(TargetChange.Kind.IN_PLACE, shifted.kind(), shifted.toString());
        assertEquals(List.of("canary trafficPercent 10 -> 50"), shifted.fields());
        assertEquals(before, backend.lifecycle().size(), "the same replicas serve: " + backend.lifecycle());
    }

    @Test
    void aBlueGreenSwitchWaitsForEveryNewReplicaThenPromotionKeepsThem() {
        backend.starts = launch -> launch.canary() ? FakeBackend.Start.WAIT : FakeBackend.Start.AT_ONCE;
        apply("{name: W, numReplicas: 2, canary: {version: v2, trafficPercent: 100}}");
        ticker.advance(Duration.ofMillis(300));
        backend.replica("W.canary-0").reportStarted();
        ticker.advance(Duration.ofMillis(500));

        assertEquals(0, controller.router("W").canaryPercent(), "one of two green replicas runs: blue serves");

        backend.replica("W.canary-1").reportStarted();
        advanceUntil(() -> controller.router("W").canaryPercent() == 100);
        int before = backend.lifecycle().size();

        TargetChange promoted = apply("{name: W, numReplicas: 2, version: v2}");
        advanceUntil(() -> status().replicas().size() == 2 && status().replicas().stream()
                .allMatch(replica -> replica.id().startsWith("W.canary-") && replica.state() == ReplicaState.RUNNING));

        assertEquals(TargetChange.Kind.ROLLED, promoted.kind());
        assertTrue(promoted.fields().contains("canary promoted: its 2 replicas serve every call"), promoted.toString());
        assertEquals(List.of("stop W-0", "stop W-1"), backend.lifecycle().subList(before, backend.lifecycle().size()).stream()
                .sorted().toList(), "no new replica: the green ones stay");
        assertEquals(0, controller.router("W").canaryPercent());
        assertEquals("v2", status().version());
        assertTrue(status().canary().isEmpty());

        apply("{name: W, numReplicas: 2, version: v2, canary: {version: v3, numReplicas: 1, trafficPercent: 5}}");
        assertEquals("W.canary-2", status().canary().orElseThrow().track().replicas().get(0).id(),
                "a new canary's replicas are named apart from the promoted ones");
    }

    @Test
    void endingACanaryStopsItsReplicasAndLeavesTheDeploymentsOwn() {
        apply("{name: W, numReplicas: 2, canary: {version: v2, numReplicas: 1, trafficPercent: 30}}");
        advanceUntil(() -> controller.router("W").canaryPercent() == 30);
        int before = backend.lifecycle().size();

        TargetChange ended = apply("{name: W, numReplicas: 2}");
        advanceUntil(() -> status().replicas().size() == 2);

        assertEquals(List.of("canary ended: its replicas stop"), ended.fields());
        assertEquals(List.of("stop W.canary-0"), backend.lifecycle().subList(before, backend.lifecycle().size()));
        assertEquals(0, controller.router("W").canaryPercent());
        assertTrue(backend.log.contains("members W [W-0, W-1]"), backend.log.toString());
    }

    @Test
    void aClassPathOfItsOwnIsRefusedWhereReplicasRunInThisJvm() {
        UpdateRefusedException refused = assertThrows(UpdateRefusedException.class,
                () -> apply("{name: W, canary: {classPath: [/opt/w-2.jar], trafficPercent: 10}}"));

        assertTrue(refused.getMessage().contains("names a classPath of its own, which only replicas in processes"),
                refused.getMessage());
        assertTrue(status().canary().isEmpty(), "nothing changed");
    }

    private TargetChange apply(String deployment) {
        return controller.apply(ApplicationTarget.builder(controller.target().graph()).deploymentYaml(DeploymentYaml.parse(
                "applications: [{name: test, deployments: [" + deployment + "]}]", "update")).build()).get(0);
    }

    private DeploymentStatus status() {
        return controller.status().deployment("W");
    }

    private void advanceUntil(BooleanSupplier condition) {
        for (int step = 0; step < 100 && !condition.getAsBoolean(); step++) {
            ticker.advance(Duration.ofMillis(50));
        }
        assertTrue(condition.getAsBoolean(), "did not happen within 5 s of the test's clock: " + backend.log);
    }
}
