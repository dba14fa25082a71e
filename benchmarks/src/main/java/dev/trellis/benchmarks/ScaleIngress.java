package dev.trellis.benchmarks;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Get;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;

/** {@code POST /scale} keeps a {@link ScaledWorker} busy; {@code GET /scale/cold} wakes the {@link ColdWorker}. */
@Ingress(path = "/scale")
@Deployment(resources = @Resources(cpus = 0.1, memoryMb = 128), maxOngoingRequests = 256)
public final class ScaleIngress {

    private final ScaledWorkerHandle worker;
    private final ColdWorkerHandle cold;

    public ScaleIngress(ScaledWorkerHandle worker, ColdWorkerHandle cold) {
        this.worker = worker;
        this.cold = cold;
    }

    @Post
    public String work(WorkRequest request) {
        if (request == null || request.millis() < 0 || request.millis() > 10_000) {
            throw new IllegalArgumentException("millis is 0 to 10,000, for example {\"millis\":50}");
        }
        return worker.work(request.millis()).join();
    }

    @Get("/cold")
    public String cold() {
        return cold.wake().join();
    }
}
