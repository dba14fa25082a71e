package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import dev.trellis.runtime.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller's rules, deterministically: a scripted backend, a clock moved by hand and the reconcile
 * loop run inline, so that every start, stop, decision and back-off happens at a time the test chose.
 */
class ControllerTest {

    private static final HealthSpec CHECKS = HealthSpec.ofMillis(100, 50);
    private static final DeploymentMethod<String> WORK = new DeploymentMethod<>("W", "work", 0);

    private final ManualTicker ticker = new ManualTicker();
    private final FakeBackend backend = new FakeBackend();
    private Controller controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
    }

    private static DeploymentNode<Object> node(String name, DeploymentSpec spec, String... dependencies) {
        return new DeploymentNode<>(name, spec, List.of(dependencies), context -> new Object(),
                (target, method, args) -> null, LocalOnlyWire.INSTANCE);
    }

    private static DeploymentSpec fixed(int replicas, double cpus) {
        return new DeploymentSpec(replicas, 1, -1, new ResourceSpec(cpus, 0, 0), CHECKS);
    }

    private static DeploymentSpec autoscaled(AutoscalingSpec policy, double cpus) {
        return DeploymentSpec.autoscaled(policy, 1, -1, new ResourceSpec(cpus, 0, 0), CHECKS);
    }

    /** Target one ongoing request per replica, decided every 100 ms on the last sample only. */
    private static AutoscalingSpec policy(int min, int max, int initial, long upMillis, long downMillis,
            long toZeroMillis) {
        return new AutoscalingSpec(min, max, initial, 1, Duration.ofMillis(upMillis), Duration.ofMillis(downMillis),
                Duration.ofMillis(toZeroMillis), 1, 1, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    private Controller.Builder builder(NodeResources node, DeploymentNode<?>... nodes) {
        return Controller.builder(ApplicationTarget.of(new TestGraph(List.of(nodes))), backend)
                .ticker(ticker).loop(Runnable::run).node(node).controlInterval(Duration.ofMillis(100))
                .startTimeout(Duration.ofSeconds(60));
    }

    private Controller start(NodeResources node, DeploymentNode<?>... nodes) {
        controller = builder(node, nodes).start();
        return controller;
    }

    /** Starts on another thread, moving the clock until the start is over (back-offs need time to pass). */
    private Controller startWhileTimePasses(Controller.Builder builder) throws Exception {
        CompletableFuture<Controller> started = CompletableFuture.supplyAsync(builder::start);
        while (!started.isDone()) {
            ticker.advance(Duration.ofMillis(50));
            Thread.sleep(1); // lets the starting thread look at what changed
        }
        try {
            controller = started.get();
            return controller;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private static NodeResources node(double cpus) {
        return NodeResources.of(cpus, 1024, 0);
    }

    private DeploymentStatus status(String deployment) {
        return controller.status().deployment(deployment);
    }

    private List<ReplicaState> states(String deployment) {
        return status(deployment).replicas().stream().map(ReplicaStatus::state).toList();
    }

    private void advanceUntil(BooleanSupplier condition, Duration most) {
        long steps = most.toMillis() / 50;
        for (long step = 0; step < steps && !condition.getAsBoolean(); step++) {
            ticker.advance(Duration.ofMillis(50));
        }
        assertTrue(condition.getAsBoolean(), "did not happen within " + most + " of the test's clock");
    }

    private List<DeploymentResponse<String>> calls(int count) {
        List<DeploymentResponse<String>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(controller.channel("W").call(WORK, new Object[0]));
        }
        return calls;
    }

    // ---- start and stop ----

    @Test
    void deploymentsStartDependenciesFirstAndAReplicaTakesCallsOnlyAfterItsFirstCheck() {
        start(node(8), node("B", fixed(2, 1)), node("A", fixed(1, 1), "B"));

        assertEquals(List.of("start B-0", "start B-1", "start A-0"), backend.lifecycle());
        List<String> log = backend.log;
        assertTrue(log.indexOf("check B-1") < log.indexOf("members B [B-0, B-1]"), log.toString());
        assertTrue(log.indexOf("members B [B-0, B-1]") < log.indexOf("start A-0"), log.toString());
        assertEquals(List.of(ReplicaState.RUNNING, ReplicaState.RUNNING), states("B"));
        assertTrue(controller.status().ready());
    }

    @Test
    void closingStopsCallersBeforeWhatTheyCallThenTheBackend() {
        start(node(8), node("B", fixed(1, 1)), node("A", fixed(1, 1), "B"));

        controller.close();
        controller.close();

        assertEquals(List.of("stop A-0", "stop B-0", "close"), backend.log.stream()
                .filter(line -> line.startsWith("stop ") || line.equals("close")).toList());
        controller = null;
    }

    @Test
    void aReplicaThatFailsItsFirstCheckIsStoppedAndAnotherStartedAfterABackOff() throws Exception {
        backend.health = id -> id.equals("W-0") ? Optional.of("model missing") : Optional.empty();

        startWhileTimePasses(builder(node(8), node("W", fixed(1, 1))));

        assertEquals(List.of("start W-0", "stop W-0", "start W-1"), backend.lifecycle());
        assertEquals(List.of(250L), ticker.delaysMillis().stream().filter(delay -> delay == 250).toList(),
                "one back-off of 250 ms before the second attempt");
        assertEquals(DeploymentStatus.Health.HEALTHY, status("W").health(), "a deployment that started is healthy");
    }

    @Test
    void aDeploymentWhoseChecksAlwaysFailFailsToStartNamingItAndStopsWhatStarted() {
        backend.health = id -> id.startsWith("W") ? Optional.of("the health check answered false") : Optional.empty();

        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> startWhileTimePasses(builder(node(8), node("B", fixed(1, 1)), node("W", fixed(1, 1), "B"))));

        assertEquals("W", refused.deployment());
        assertEquals("Application 'test' failed to start: deployment 'W' could not start a replica (3 attempts);"
                + " the last: replica W-2 failed its first health check: the health check answered false",
                refused.getMessage());
        assertEquals(List.of("start B-0", "start W-0", "stop W-0", "start W-1", "stop W-1", "start W-2", "stop W-2",
                "stop B-0"), backend.lifecycle());
        assertEquals("close", backend.log.getLast());
    }

    @Test
    void replicasThatDoNotFitFailTheStartWithWhatIsMissing() {
        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> start(node(1), node("W", fixed(2, 1))));

        assertEquals("Application 'test' failed to start: deployment 'W' cannot place its replicas on this node"
                + " (cpu:1.0,mem:1024m,gpu:0): replica W-1 needs 1.0 CPU, 0.0 free of 1.0; lower its @Resources, or"
                + " give the node more (-Dtrellis.node=cpu:8,mem:16g,gpu:1, or node(...) of the builder)",
                refused.getMessage());
        controller = null;
    }

    // ---- health and replacement ----

    @Test
    void aReplicaFailingThreeChecksInARowIsReplacedWithAGrowingBackOffAndReportedUnhealthy() {
        // Every replica passes the check that lets it start and fails each one after it.
        List<String> checked = new ArrayList<>();
        backend.health = id -> {
            boolean first = !checked.contains(id);
            checked.add(id);
            return first ? Optional.empty() : Optional.of("stuck");
        };
        start(node(8), node("W", fixed(1, 1)));

        List<Long> startedAt = new ArrayList<>();
        startedAt.add(ticker.nanoTime());
        for (int replaced = 1; replaced <= 3; replaced++) {
            String next = "start W-" + replaced;
            advanceUntil(() -> backend.log.contains(next), Duration.ofSeconds(10));
            startedAt.add(ticker.nanoTime());
            assertTrue(status("W").message().contains("failed 3 health checks in a row: stuck"), status("W").message());
            // One failure is being repaired; three in a row without a healthy replacement is unhealthy.
            assertEquals(replaced < 3 ? DeploymentStatus.Health.UPDATING : DeploymentStatus.Health.UNHEALTHY,
                    status("W").health());
            assertEquals(replaced < 3, controller.status().ready());
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < startedAt.size(); i++) {
            gaps.add(Duration.ofNanos(startedAt.get(i) - startedAt.get(i - 1)).toMillis());
        }
        // Three periods of 100 ms to fail, then 250, 500, 1,000 ms of back-off.
        assertEquals(List.of(550L, 800L, 1300L), gaps);
    }

    @Test
    void aReplicaThatPassesAPeriodicCheckMakesItsDeploymentHealthyAgain() {
        List<String> checked = new ArrayList<>();
        backend.health = id -> {
            checked.add(id);
            boolean firstReplicaAfterItsFirst = id.equals("W-0") && checked.stream().filter(id::equals).count() > 1;
            return firstReplicaAfterItsFirst ? Optional.of("stuck") : Optional.empty();
        };
        start(node(8), node("W", fixed(1, 1)));

        advanceUntil(() -> status("W").message().startsWith("replacing a failed replica"), Duration.ofSeconds(5));
        advanceUntil(() -> status("W").health() == DeploymentStatus.Health.HEALTHY, Duration.ofSeconds(5));

        assertEquals(List.of("start W-0", "stop W-0", "start W-1"), backend.lifecycle());
        assertTrue(controller.status().ready());
    }

    @Test
    void aReplicaThatGoesAwayLeavesRotationAtOnceAndIsReplacedAfterABackOff() {
        start(node(8), node("W", fixed(2, 1)));

        backend.replica("W-0").events.exited("its process 42 exited with status 137");

        assertEquals(List.of(ReplicaState.RUNNING, ReplicaState.PENDING), states("W"), "W-1 runs, its replacement waits");
        assertEquals("starts in 250 ms: restarts back off after 1 failure in a row", status("W").replicas().get(1).reason());
        assertTrue(backend.log.contains("members W [W-1]"));
        assertEquals(DeploymentStatus.Health.UPDATING, status("W").health(), "one failure is being repaired");
        assertTrue(status("W").message().contains("went away: its process 42 exited"), status("W").message());
        ticker.advance(Duration.ofMillis(200));
        assertFalse(backend.log.contains("start W-2"), "backing off");
        ticker.advance(Duration.ofMillis(100));
        assertTrue(backend.log.contains("start W-2"));
        assertEquals(List.of(ReplicaState.RUNNING, ReplicaState.RUNNING), states("W"));
    }

    // ---- autoscaling, end to end through the router ----

    @Test
    void queuedAndRunningCallsScaleADeploymentUpAfterTheDelayAndIdlingScalesItBackDown() {
        start(node(8), node("W", autoscaled(policy(1, 4, 1, 300, 1_000, 1_000), 1)));
        List<DeploymentResponse<String>> calls = calls(4); // one runs on W-0, three wait in the router

        ticker.advance(Duration.ofMillis(300));
        assertEquals(1, status("W").targetReplicas(), "the upscale decision has not held for 300 ms yet");
        ticker.advance(Duration.ofMillis(100));
        assertEquals(4, status("W").targetReplicas());
        assertEquals(4, status("W").running());
        for (FakeBackend.FakeReplica replica : backend.replicas) {
            assertEquals(1, replica.calls.ongoing(), "each replica took one of the waiting calls");
        }
        backend.replicas.forEach(replica -> replica.calls.finishAll("done"));
        calls.forEach(call -> assertEquals("done", call.join()));

        ticker.advance(Duration.ofMillis(900));
        assertEquals(4, status("W").targetReplicas(), "idle, but not for the whole downscale delay");
        ticker.advance(Duration.ofMillis(200));
        assertEquals(1, status("W").targetReplicas());
        assertEquals(List.of("start W-0", "start W-1", "start W-2", "start W-3", "stop W-3", "stop W-2", "stop W-1"),
                backend.lifecycle(), "the newest go first, and never below min");
        assertTrue(backend.log.indexOf("members W [W-0]") < backend.log.indexOf("stop W-3"),
                "callers are told before the replicas stop: " + backend.log);
    }

    @Test
    void loadReportsComeOnlyFromAnAutoscaledDeploymentAndItsCallers() {
        start(node(8), node("W", autoscaled(policy(1, 2, 1, 60_000, 60_000, 60_000), 1)),
                node("Caller", fixed(1, 1), "W"), node("Bystander", fixed(1, 1)));

        ticker.advance(Duration.ofSeconds(1));

        assertTrue(backend.reports.getOrDefault("W-0", 0) > 0, "its own ongoing calls: " + backend.reports);
        assertTrue(backend.reports.getOrDefault("Caller-0", 0) > 0, "the calls it holds for W: " + backend.reports);
        assertFalse(backend.reports.containsKey("Bystander-0"), "nothing it reports is read: " + backend.reports);
    }

    @Test
    void anIdleDeploymentScalesToZeroAndOneWaitingCallStartsAReplicaAndIsServed() throws Exception {
        start(node(8), node("W", autoscaled(policy(0, 2, 1, 60_000, 60_000, 500), 1)));

        advanceUntil(() -> status("W").targetReplicas() == 0, Duration.ofSeconds(2));
        assertEquals(List.of(), states("W"));
        assertTrue(controller.status().ready(), "zero replicas is its minimum");

        DeploymentResponse<String> call = controller.channel("W").call(WORK, new Object[0]);
        ticker.advance(Duration.ofMillis(100));
        assertEquals(List.of(ReplicaState.RUNNING), states("W"), "a cold start at once, not after the upscale delay");
        backend.replica("W-1").calls.finishAll("warm");
        assertEquals("warm", call.get(Duration.ofSeconds(5)), "the call waited for the replica, it did not fail");
    }

    @Test
    void aReplicaThatDoesNotFitWaitsPendingAndStartsWhenAScaleDownElsewhereMakesRoom() {
        start(node(2),
                node("A", autoscaled(policy(0, 1, 1, 0, 60_000, 500), 1)),
                node("W", autoscaled(policy(1, 2, 1, 0, 60_000, 60_000), 1)));
        List<DeploymentResponse<String>> calls = calls(2);

        ticker.advance(Duration.ofMillis(100));
        assertEquals(List.of(ReplicaState.RUNNING, ReplicaState.PENDING), states("W"));
        ReplicaStatus pending = status("W").replicas().get(1);
        assertEquals("needs 1.0 CPU, 0.0 free of 2.0", pending.reason());
        assertTrue(status("W").message().contains("1 pending: needs 1.0 CPU"), status("W").message());

        advanceUntil(() -> status("W").running() == 2, Duration.ofSeconds(2));
        List<String> lifecycle = backend.lifecycle();
        assertTrue(lifecycle.indexOf("stop A-0") < lifecycle.indexOf("start W-1"),
                "the node is never overcommitted: " + lifecycle);
        backend.replicas.forEach(replica -> replica.calls.finishAll("done"));
        calls.forEach(call -> assertEquals("done", call.join()));
    }

    // ---- updates ----

    private ApplicationTarget withVersion(String version, int replicas) {
        return ApplicationTarget.builder(controller.target().graph()).deploymentYaml(
                dev.trellis.runtime.config.DeploymentYaml.parse("applications: [{name: test, deployments: [{name: W,"
                        + " numReplicas: " + replicas + ", version: " + version + "}]}]", "update")).build();
    }

    @Test
    void aRollStartsNewReplicasBeforeItStopsOldOnesAFifthAtATime() {
        start(node(8), node("W", fixed(5, 1)));
        advanceUntil(() -> status("W").running() == 5, Duration.ofSeconds(2));
        int before = backend.lifecycle().size();

        assertEquals(TargetChange.Kind.ROLLED, controller.apply(withVersion("v2", 5)).get(0).kind());
        advanceUntil(() -> status("W").running() == 5 && status("W").replicas().size() == 5
                && status("W").replicas().stream().noneMatch(replica -> Integer.parseInt(replica.id().substring(2)) < 5),
                Duration.ofSeconds(5));

        List<String> lifecycle = backend.lifecycle().subList(before, backend.lifecycle().size());
        // New before old: no old replica stops before a new one started in its place; and at most one
        // (a fifth of five) more on its way: a new start is decided in the round that stops an old one.
        int starts = 0;
        int stops = 0;
        for (String event : lifecycle) {
            if (event.startsWith("start")) {
                starts++;
            } else {
                stops++;
            }
            assertTrue(stops <= starts && starts - stops <= 2, "at " + event + ": " + lifecycle);
        }
        assertEquals(List.of("start W-5", "start W-6", "start W-7", "start W-8", "start W-9"),
                lifecycle.stream().filter(event -> event.startsWith("start")).toList());
        assertEquals(5, stops, lifecycle.toString());
        assertEquals("v2", status("W").version());
        assertEquals(DeploymentStatus.Health.HEALTHY, status("W").health());
    }

    @Test
    void aRollOnANodeWithoutRoomForOneMoreReplacesOneOldReplicaAtATime() {
        start(node(2), node("W", fixed(2, 1)));
        advanceUntil(() -> status("W").running() == 2, Duration.ofSeconds(2));
        int before = backend.lifecycle().size();

        controller.apply(withVersion("v2", 2));
        advanceUntil(() -> status("W").running() == 2 && status("W").replicas().size() == 2
                && status("W").replicas().stream().allMatch(replica -> replica.id().equals("W-2")
                        || replica.id().equals("W-3")), Duration.ofSeconds(5));

        List<String> lifecycle = backend.lifecycle().subList(before, backend.lifecycle().size());
        assertTrue(lifecycle.indexOf("stop W-0") < lifecycle.indexOf("start W-2")
                || lifecycle.indexOf("stop W-1") < lifecycle.indexOf("start W-2"), "room first: " + lifecycle);
        assertEquals(2, lifecycle.stream().filter(event -> event.startsWith("stop")).count(), lifecycle.toString());
    }

    @Test
    void healthSettingsChangeInPlaceForTheControllerRunsTheChecks() {
        start(node(8), node("W", fixed(2, 1)));
        advanceUntil(() -> status("W").running() == 2, Duration.ofSeconds(2));

        TargetChange change = controller.apply(ApplicationTarget.builder(controller.target().graph()).deploymentYaml(
                dev.trellis.runtime.config.DeploymentYaml.parse("applications: [{name: test, deployments: [{name: W,"
                        + " numReplicas: 2, health: {periodMillis: 700, failureThreshold: 1}}]}]", "update")).build()).get(0);
        ticker.advance(Duration.ofSeconds(1));

        assertEquals(TargetChange.Kind.IN_PLACE, change.kind(), change.toString());
        assertTrue(change.fields().get(0).endsWith("-> (every 700 ms, " + CHECKS.timeout().toMillis()
                + " ms each, 1 failures)"), change.fields().toString());
        assertEquals(List.of("W-0", "W-1"), status("W").replicas().stream().map(ReplicaStatus::id).toList());
        assertEquals(1, controller.target().deployment("W").health().failureThreshold());
    }

    @Test
    void aScalingChangeKeepsTheReplicasThatRun() {
        start(node(8), node("W", fixed(2, 1)));
        advanceUntil(() -> status("W").running() == 2, Duration.ofSeconds(2));

        TargetChange change = controller.apply(ApplicationTarget.builder(controller.target().graph()).deploymentYaml(
                dev.trellis.runtime.config.DeploymentYaml.parse("applications: [{name: test, deployments: [{name: W,"
                        + " numReplicas: 3}]}]", "update")).build()).get(0);
        advanceUntil(() -> status("W").running() == 3, Duration.ofSeconds(2));

        assertEquals(TargetChange.Kind.IN_PLACE, change.kind());
        assertEquals(List.of("W-0", "W-1", "W-2"), status("W").replicas().stream().map(ReplicaStatus::id).toList());
    }

    @Test
    void aGpuStepOnANodeWithoutGpusIsWarnedOfUnlessAClusterPlacesItsReplicas() {
        assertEquals(1, cpuFallbackWarnings(false), "on this node its models run on the CPU: said once");
        assertEquals(0, cpuFallbackWarnings(true), "the cluster puts it on a node with a GPU: nothing to warn of");
    }

    private long cpuFallbackWarnings(boolean clusterPlaces) {
        backend.clusterPlaces = clusterPlaces;
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(Controller.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try (Controller gpuStep = builder(NodeResources.of(4, 1024, 0), node("W", new DeploymentSpec(2, 1, -1,
                new ResourceSpec(0.5, 0.5, 256), CHECKS))).start()) {
            ticker.advance(Duration.ofMillis(100));
            assertEquals(2, gpuStep.status().deployment("W").running());
        } finally {
            logger.removeHandler(handler);
        }
        return warnings.stream().filter(message -> message.contains("but this machine has no GPU")).count();
    }

    @Test
    void theStatusShowsTheTargetTheDecisionAndEachReplicasPlacement() {
        start(NodeResources.of(4, 1024, 1), node("W", DeploymentSpec.autoscaled(policy(1, 3, 2, 300, 1_000, 1_000), 1,
                -1, new ResourceSpec(0.5, 0.5, 256), CHECKS)));
        ticker.advance(Duration.ofMillis(100));

        DeploymentStatus w = status("W");
        assertEquals(2, w.targetReplicas());
        assertEquals(List.of("cpu 0.5, mem 256m, gpu 0 (0.5)", "cpu 0.5, mem 256m, gpu 0 (0.5)"),
                w.replicas().stream().map(ReplicaStatus::placement).toList());
        assertEquals(0.0, w.averageOngoing().orElseThrow());
        assertEquals(1, w.desiredReplicas(), "idle: it wants one, once the downscale delay has passed");
        assertTrue(w.message().startsWith("scaling down to 1 once the decision has held for 1000 ms"), w.message());
    }

    @Test
    void aHealthyOldReplicaDoesNotEndTheBackOffOfAReplacementThatKeepsFailing() {
        // W-0 stays healthy; every later replica passes its first check and fails the ones after it.
        List<String> checked = new ArrayList<>();
        backend.health = id -> {
            boolean first = !checked.contains(id);
            checked.add(id);
            return id.equals("W-0") || first ? Optional.empty() : Optional.of("stuck");
        };
        start(node(8), node("W", fixed(2, 1)));

        advanceUntil(() -> backend.log.contains("start W-4"), Duration.ofSeconds(20));

        assertEquals(DeploymentStatus.Health.UNHEALTHY, status("W").health(), "W-0's passed checks reset nothing");
        assertTrue(ticker.delaysMillis().containsAll(List.of(250L, 500L, 1000L)), "the back-off grew");
    }

    @Test
    void pendingReplicasThatCannotBePlacedDoNotHoldAScaleDownBack() {
        start(node(2), node("W", autoscaled(policy(1, 4, 1, 0, 300, 300), 1)));
        List<DeploymentResponse<String>> calls = calls(4);
        ticker.advance(Duration.ofMillis(100));
        assertEquals(List.of(ReplicaState.RUNNING, ReplicaState.RUNNING, ReplicaState.PENDING, ReplicaState.PENDING),
                states("W"), "the node holds two");
        while (calls.stream().anyMatch(call -> !call.isDone())) { // a finished call lets a waiting one in
            backend.replicas.forEach(replica -> replica.calls.finishAll("done"));
        }

        advanceUntil(() -> status("W").targetReplicas() == 1, Duration.ofSeconds(2));
        advanceUntil(() -> states("W").equals(List.of(ReplicaState.RUNNING)), Duration.ofSeconds(2));
    }

    @Test
    void freshReportsAskEachRunningReplica() {
        start(node(8), node("W", fixed(2, 1)));
        calls(1);

        Map<String, ReplicaReport> reports = controller.freshReports("W");

        assertEquals(java.util.Set.of("W-0", "W-1"), reports.keySet());
        assertEquals(1, reports.values().stream().mapToInt(ReplicaReport::ongoing).sum());
    }
}
