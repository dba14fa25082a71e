package dev.trellis.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stops the processes the benchmarks start as an operator would: SIGTERM, and SIGKILL if it outlives its grace. */
final class Processes {

    private Processes() {}

    static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
