package dev.trellis.benchmarks;

import dev.trellis.annotations.Autoscaling;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Resources;

/**
 * Holds its replica for as long as a call asks, as a model call would, without using the CPU, so that
 * the benchmark measures how fast replicas are added and not how the load generator competes for cores.
 * One to three replicas, four calls each, aiming for two ongoing calls per replica; a 1 s upscale delay.
 */
@Deployment(autoscaling = @Autoscaling(min = 1, max = 3, targetOngoingRequests = 2, upscaleDelayMillis = 1_000,
        downscaleDelayMillis = 5_000, lookBackMillis = 1_000),
        resources = @Resources(cpus = 0.3, memoryMb = 256), maxOngoingRequests = 4)
public final class ScaledWorker {

    public String work(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: the call was cancelled", e);
        }
        return "done";
    }
}
