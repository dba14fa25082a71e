package dev.trellis.runtime.replica;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.time.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one replica's health check ({@code @HealthCheck}, or "always healthy" without one) on a thread of
 * its own, so that a check that hangs costs its timeout and no more: it is interrupted then, and counts
 * as a failure. Used in this JVM by the {@code local} topology and by a replica process answering its
 * controller.
 */
public final class HealthProbe {

    /** The check itself: the deployment's method on the replica's instance. */
    @FunctionalInterface
    public interface Check {
        /**
         * @return whether the replica is healthy
         * @throws Throwable what the check threw: unhealthy
         */
        boolean healthy() throws Throwable;
    }

    private final String replica;
    private final Check check;
    private final Ticker ticker;

    public HealthProbe(String replica, Check check, Ticker ticker) {
        this.replica = replica;
        this.check = check;
        this.ticker = ticker;
    }

    /**
     * Runs the check once.
     *
     * @return completes within {@code timeout} with what was wrong, or empty when healthy; never exceptionally
     */
    public CompletableFuture<Optional<String>> check(Duration timeout) {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Thread checker = Thread.ofVirtual().name("trellis-health-" + replica).start(() -> {
            try {
                answer.complete(check.healthy() ? Optional.empty() : Optional.of("the health check answered false"));
            } catch (Throwable e) {
                answer.complete(Optional.of("the health check threw " + DeploymentException.describe(e)));
            }
        });
        Runnable cancel = ticker.schedule(() -> {
            if (answer.complete(Optional.of("the health check did not answer within " + timeout.toMillis() + " ms"))) {
                checker.interrupt();
            }
        }, timeout);
        answer.whenComplete((problem, failure) -> cancel.run());
        return answer;
    }
}
