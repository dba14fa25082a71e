package dev.trellis.benchmarks;

import dev.trellis.annotations.Batch;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentContext;
import java.util.List;

/** One of the two GPU-check deployments: half a GPU each, so that both share one device. */
@Deployment(maxOngoingRequests = 64, resources = @Resources(cpus = 1, gpus = 0.5))
public final class SecondGpuModel implements AutoCloseable {

    private final CudaRunner runner;

    public SecondGpuModel(DeploymentContext context) {
        this.runner = new CudaRunner(context);
    }

    public String provider() {
        return runner.provider();
    }

    @Batch(maxSize = 32, maxWaitMillis = 2)
    public List<float[]> classify(List<float[]> rows) {
        return runner.classify(rows);
    }

    @Override
    public void close() {
        runner.close();
    }
}
