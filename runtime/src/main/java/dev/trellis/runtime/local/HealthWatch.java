package dev.trellis.runtime.local;

import dev.trellis.runtime.spi.HealthSpec;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Watches one replica's health, in either topology: a check every {@link HealthSpec#period()}, each
 * allowed {@link HealthSpec#timeout()}; {@link HealthSpec#FAILURES_TO_REPLACE} failures in a row replace
 * the replica, and a success in between starts the count again (Ray Serve's rule).
 */
public final class HealthWatch {

    private static final System.Logger LOGGER = System.getLogger(HealthWatch.class.getName());

    private HealthWatch() {}

    /** One health check of one replica. */
    @FunctionalInterface
    public interface Check {

        /**
         * @param timeout how long the check may take
         * @return empty when healthy, else what was wrong
         */
        Optional<String> problem(Duration timeout);
    }

    /**
     * Checks the replica while {@code watching} says so, on the calling thread; after too many failures
     * in a row runs {@code replace} once and returns. An interrupt ends the watch.
     *
     * @param replica names the replica in the log
     */
    public static void run(String replica, String deployment, HealthSpec health, Check check, BooleanSupplier watching,
            Runnable replace) {
        FailureCount failures = new FailureCount();
        while (watching.getAsBoolean()) {
            try {
                Thread.sleep(health.period());
            } catch (InterruptedException e) {
                return;
            }
            if (!watching.getAsBoolean()) {
                return;
            }
            Optional<String> problem = check.problem(health.timeout());
            boolean replaceNow = failures.record(problem.isEmpty());
            if (problem.isEmpty()) {
                continue;
            }
            LOGGER.log(Level.WARNING, "Replica {0} of ''{1}'' failed its health check ({2} in a row): {3}",
                    replica, deployment, failures.inARow(), problem.get());
            if (replaceNow) {
                LOGGER.log(Level.WARNING, "Replacing unhealthy replica {0} of ''{1}''", replica, deployment);
                replace.run();
                return;
            }
        }
    }

    /**
     * Runs a check of an instance in this JVM on a thread of its own, so that a check that hangs costs
     * its timeout and no more: it is interrupted then, and counts as a failure.
     */
    public static Optional<String> probe(DeploymentHost.HealthProbe probe, Duration timeout) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Thread checker = Thread.ofVirtual().name("trellis-health-check").start(() -> {
            try {
                answer.complete(probe.healthy() ? Optional.empty() : Optional.of("the health check answered false"));
            } catch (Throwable e) {
                answer.complete(Optional.of("the health check threw " + Replica.describe(e)));
            }
        });
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            checker.interrupt();
            return Optional.of("the health check did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the watch is stopping: no verdict
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the check's future is only ever completed normally", e);
        }
    }
}
