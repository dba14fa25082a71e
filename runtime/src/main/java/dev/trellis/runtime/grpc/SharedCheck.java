package dev.trellis.runtime.grpc;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A health check that callers share: one runs at a time, and what it found answers every caller for a
 * second after. The standard health service is open (a kubelet's probe sends no credentials), so a flood
 * of probes must not become a flood of the user's checks.
 */
final class SharedCheck implements Function<Duration, Optional<String>> {

    /** How long a result answers later callers. */
    static final Duration REUSE = Duration.ofSeconds(1);

    private final Function<Duration, Optional<String>> check;
    private Optional<String> last; // guarded by this
    private long lastNanos; // guarded by this
    private boolean running; // guarded by this

    SharedCheck(Function<Duration, Optional<String>> check) {
        this.check = check;
    }

    @Override
    public Optional<String> apply(Duration timeout) {
        synchronized (this) {
            while (running) {
                try {
                    wait(); // one running already: its result is this caller's
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.of("interrupted while the health check ran");
                }
                if (!running && last != null) {
                    return last;
                }
            }
            if (last != null && System.nanoTime() - lastNanos < REUSE.toNanos()) {
                return last;
            }
            running = true;
        }
        Optional<String> found = Optional.of("the health check failed");
        try {
            found = check.apply(timeout);
            return found;
        } finally {
            synchronized (this) {
                last = found;
                lastNanos = System.nanoTime();
                running = false;
                notifyAll();
            }
        }
    }
}
