package dev.trellis.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.spi.DeploymentNode;
import dev.trellis.runtime.spi.DeploymentSpec;
import dev.trellis.runtime.spi.Dispatcher;
import dev.trellis.runtime.spi.HealthSpec;
import dev.trellis.runtime.spi.ResourceSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Health checks in the {@code local} topology: a replica whose check fails three times in a row (by
 * answering false, throwing, or not answering in time) is replaced by a new instance; a failure among
 * successes replaces nothing. Checks run every 20 ms here; the tests count checks and instances and
 * assert no timing.
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

    private LocalApplication start(IntFunction<Rule> ruleOfInstance) {
        DeploymentNode<Probed> node = new DeploymentNode<>("Probed",
                new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0), FAST), List.of(), context -> {
                    Probed probed = new Probed(built.size() + 1, ruleOfInstance.apply(built.size() + 1));
                    built.add(probed);
                    return probed;
                }, DISPATCHER, LocalOnlyWire.INSTANCE);
        return LocalApplication.start(new TestGraph(List.of(node)));
    }

    @Test
    void aReplicaFailingThreeChecksInARowIsReplacedAndCallsGoToTheNewOne() {
        try (LocalApplication app = start(instance -> check -> instance > 1)) { // the first is never healthy
            await(() -> built.size() == 2 && built.get(1).checks.get() >= 5);

            assertEquals("pong from 2", app.ingress().call(PING, new Object[0]).join());
            assertEquals(2, built.size(), "the healthy replacement stays");
            assertEquals(3, built.get(0).checks.get(), "the first was replaced at its third failure");
        }
    }

    @Test
    void aFailureAmongSuccessesReplacesNothing() {
        try (LocalApplication app = start(instance -> check -> check % 2 == 0 || check % 3 == 0)) {
            await(() -> built.get(0).checks.get() >= 15); // fails checks 1, 5, 7, 11, 13: never two in a row

            assertEquals(1, built.size());
            assertEquals("pong from 1", app.ingress().call(PING, new Object[0]).join());
        }
    }

    @Test
    void checksThatThrowOrHangPastTheirTimeoutAreFailures() {
        try (LocalApplication app = start(instance -> check -> {
            if (instance == 1) {
                throw new IllegalStateException("model not loaded");
            }
            if (instance == 2) {
                Thread.sleep(Duration.ofMinutes(10)); // never answers; interrupted at the timeout
            }
            return true;
        })) {
            await(() -> built.size() == 3);

            assertEquals("pong from 3", app.ingress().call(PING, new Object[0]).join());
            assertEquals(3, built.get(1).checks.get(), "three checks of the second timed out");
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
