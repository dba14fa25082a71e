package dev.trellis.runtime.topology.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's deadline and cancellation travel to the calls made on its behalf: Outer calls Inner, which
 * waits at a gate.
 */
class DeadlinesAndCancellationTest {

    private static final DeploymentMethod<String> INNER_HOLD = new DeploymentMethod<>("Inner", "hold", 0);
    private static final DeploymentMethod<String> OUTER_ASK = new DeploymentMethod<>("Outer", "ask", 0);

    private final Gate gate = new Gate();
    private final AtomicInteger innerCalls = new AtomicInteger();
    private TrellisApplication app;

    /** Inner waits at the gate; Outer asks Inner through its channel and waits for the answer. */
    private TrellisApplication start(int innerMaxOngoing) {
        DeploymentNode<Gate> inner = new DeploymentNode<>("Inner",
                new DeploymentSpec(1, innerMaxOngoing, -1, new ResourceSpec(1, 0, 0)), List.of(), context -> gate,
                (target, method, args) -> {
                    innerCalls.incrementAndGet();
                    target.pass();
                    return "inner:" + args[0];
                }, LocalOnlyWire.INSTANCE);
        DeploymentNode<DeploymentChannel> outer = new DeploymentNode<>("Outer",
                new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0)), List.of("Inner"),
                context -> context.channel("Inner"),
                (target, method, args) -> target.call(INNER_HOLD, args).join(), LocalOnlyWire.INSTANCE);
        app = TestApps.start(graph(inner, outer));
        return app;
    }

    @AfterEach
    void stop() {
        gate.open();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void cancellingACallCancelsTheCallsMadeOnItsBehalf() throws Exception {
        start(5);
        DeploymentResponse<String> outer = app.channel("Outer").call(OUTER_ASK, new Object[] {"x"});
        assertTrue(gate.awaitEntered());

        outer.cancel();

        assertTrue(gate.awaitInterrupted(), "Inner's user code saw the cancellation of Outer's call");
    }

    @Test
    void aDeadlinePassingWhileRunningStopsTheCallAndItsDownstreamCalls() throws Exception {
        start(5);
        DeploymentResponse<String> outer = CallContext.withTimeout(Duration.ofMillis(300))
                .run(() -> app.channel("Outer").call(OUTER_ASK, new Object[] {"x"}));

        assertThrows(DeploymentTimeoutException.class, outer::join);
        assertTrue(gate.awaitInterrupted(), "Inner's user code saw the deadline");
    }

    @Test
    void aCallWaitingPastItsDeadlineLeavesTheQueueWithoutRunning() throws Exception {
        start(1);
        DeploymentResponse<String> first = app.channel("Inner").call(INNER_HOLD, new Object[] {"first"});
        assertTrue(gate.awaitEntered());
        DeploymentResponse<String> late = CallContext.withTimeout(Duration.ofMillis(200))
                .run(() -> app.channel("Inner").call(INNER_HOLD, new Object[] {"late"}));

        assertThrows(DeploymentTimeoutException.class, late::join);
        assertEquals(0, app.queuedCalls("Inner"));
        gate.open();
        assertEquals("inner:first", first.join());
        assertEquals(1, innerCalls.get(), "the late call never reached the replica");
    }

    @Test
    void aCallWhoseDeadlineHasPassedIsNotStarted() {
        start(5);
        DeploymentResponse<String> late = CallContext.withDeadline(System.nanoTime() - 1)
                .run(() -> app.channel("Inner").call(INNER_HOLD, new Object[] {"x"}));

        assertThrows(DeploymentTimeoutException.class, late::join);
        assertEquals(0, innerCalls.get());
    }

    @Test
    void withoutADeadlineACallWaitsAsLongAsItTakes() throws Exception {
        start(5);
        DeploymentResponse<String> outer = app.channel("Outer").call(OUTER_ASK, new Object[] {"x"});
        assertTrue(gate.awaitEntered());
        assertFalse(outer.isDone());

        gate.open();

        assertEquals("inner:x", outer.get(Duration.ofSeconds(30)));
    }

    private static ApplicationGraph graph(DeploymentNode<?>... nodes) {
        return new ApplicationGraph() {
            @Override
            public String name() {
                return "deadlines";
            }

            @Override
            public String ingress() {
                return "Outer";
            }

            @Override
            public List<DeploymentNode<?>> nodes() {
                return List.of(nodes);
            }

            @Override
            public List<IngressRoute> routes() {
                return List.of();
            }

            @Override
            public String manifestResource() {
                return "META-INF/trellis/deadlines.yaml";
            }
        };
    }
}
