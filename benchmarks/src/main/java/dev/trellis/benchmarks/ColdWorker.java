package dev.trellis.benchmarks;

import dev.trellis.annotations.Autoscaling;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Resources;

/** Scales to zero two seconds after its last call; the next call waits for a cold start. */
@Deployment(autoscaling = @Autoscaling(min = 0, max = 1, initial = 1, downscaleToZeroDelayMillis = 2_000),
        resources = @Resources(cpus = 0.2, memoryMb = 128))
public final class ColdWorker {

    public String wake() {
        return "awake";
    }
}
