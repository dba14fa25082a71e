package dev.trellis.runtime.topology.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Health checks in the {@code local} topology: a replica takes calls once its first check passes; one
 * whose check then fails three times in a row (by answering false, throwing, or not answering in time) is
 * replaced by a new instance, with a growing back-off while replacements keep failing, and its deployment
 * is reported unhealthy; a failure among successes replaces nothing; a deployment whose checks always fail
 * does not start. Checks run every 20 ms here; the tests count checks and instances.
 */
class LocalHealthChecksTest {

    private static final HealthSpec FAST = HealthSpec.ofMillis(20, 200);
    private static final DeploymentMethod<String> PING = new DeploymentMethod<>("Probed", "ping", 0);
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A deployment whose health each test scripts: check number {@code n} answers {@code rule(n)}. */
    static final class Probed {
        final int number;
        final AtomicInteger checks = new AtomicInteger();
        private final Rule rule;

        Probed(int number, Rule rule) {
            this.number = number;
            this.rule = rule;
        }

        boolean healthy() throws Exception {
            return rule.healthy(checks.incrementAndGet());
        }
    }

    /** What a replica's check number {@code n} answers; it may also throw or block. */
    @FunctionalInterface
    interface Rule {
        boolean healthy(int check) throws Exception;
    }

    private static final Dispatcher<Probed> DISPATCHER = new Dispatcher<>() {
        @Override
        public Object dispatch(Probed target, int method, Object[] args) {
            return "pong from " + target.number;
        }

        @Override
        public boolean checkHealth(Probed target) throws Exception {
            return target.healthy();
        }
    };

    private final List<Probed> built = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TrellisApplication start(IntFunction<Rule> ruleOfInstance) {
        DeploymentNode<Probed> node = new DeploymentNode<>("Probed",
                new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0), FAST), List.of(), context -> {
                    Probed probed = new Probed(built.size() + 1, ruleOfInstance.apply(built.size() + 1));
                    built.add(probed);
                    return probed;
                }, DISPATCHER, LocalOnlyWire.INSTANCE);
        return TestApps.start(new TestGraph(List.of(node)));
    }

    @Test
    void aReplicaFailingThreeChecksInARowIsReplacedAndCallsGoToTheNewOne() {
        // The first passes the check that lets it start, then never again.
        try (TrellisApplication app = start(instance -> check -> instance > 1 || check == 1)) {
            await(() -> built.size() == 2 && built.get(1).checks.get() >= 5);

            assertEquals("pong from 2", app.ingress().call(PING, new Object[0]).join());
            assertEquals(2, built.size(), "the healthy replacement stays");
            assertEquals(4, built.get(0).checks.get(), "the first was replaced at its third failure in a row");
        }
    }

    @Test
    void aFailureAmongSuccessesReplacesNothing() {
        try (TrellisApplication app = start(instance -> check -> check == 1 || check % 2 == 0 || check % 3 == 0)) {
            await(() -> built.get(0).checks.get() >= 15); // fails checks 5, 7, 11, 13: never two in a row

            assertEquals(1, built.size());
            assertEquals("pong from 1", app.ingress().call(PING, new Object[0]).join());
        }
    }

    @Test
    void checksThatThrowOrHangPastTheirTimeoutAreFailures() {
        try (TrellisApplication app = start(instance -> check -> {
            if (instance == 1 && check > 1) {
                throw new IllegalStateException("model not loaded");
            }
            if (instance == 2 && check > 1) {
                Thread.sleep(Duration.ofMinutes(10)); // never answers; interrupted at the timeout
            }
            return true;
        })) {
            await(() -> built.size() == 3);

            assertEquals("pong from 3", app.ingress().call(PING, new Object[0]).join());
            assertEquals(4, built.get(1).checks.get(), "after its first, three checks of the second timed out");
        }
    }

    @Test
    void aDeploymentWhoseChecksAlwaysFailFailsToStartNamingIt() {
        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> start(instance -> check -> false));

        assertEquals("Probed", refused.deployment());
        assertEquals("Application 'test' failed to start: deployment 'Probed' could not start a replica (3 attempts);"
                + " the last: replica Probed-2 failed its first health check: the health check answered false",
                refused.getMessage());
        assertEquals(3, built.size(), "three attempts, then the start gave up");
    }

    @Test
    void aReplicaThatTurnsUnhealthyIsReplacedWithBackOffAndTheDeploymentIsReportedUnhealthy() {
        // Every instance passes the check that lets it start, and fails every check after it.
        try (TrellisApplication app = start(instance -> check -> check == 1)) {
            await(() -> app.status().deployment("Probed").health() == DeploymentStatus.Health.UNHEALTHY);

            DeploymentStatus status = app.status().deployment("Probed");
            assertTrue(status.message().contains("failed 3 health checks in a row: the health check answered false"),
                    status.message());
            assertFalse(app.status().ready(), "an unhealthy deployment makes the application not ready");
            await(() -> built.size() >= 4);
            // Replacements wait 250 ms, 500 ms, 1 s...: not one every few checks without end.
            assertTrue(built.size() < 8, "replaced " + built.size() + " times");
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
