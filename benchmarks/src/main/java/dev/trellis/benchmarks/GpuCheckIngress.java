package dev.trellis.benchmarks;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Get;
import dev.trellis.annotations.Ingress;

/** The GPU check's ingress: says where each of the two models runs. */
@Ingress(path = "/gpu-check")
@Deployment
public final class GpuCheckIngress {

    private final FirstGpuModelHandle first;
    private final SecondGpuModelHandle second;

    public GpuCheckIngress(FirstGpuModelHandle first, SecondGpuModelHandle second) {
        this.first = first;
        this.second = second;
    }

    @Get("/providers")
    public String providers() {
        return "FirstGpuModel=" + first.provider().join() + " SecondGpuModel=" + second.provider().join();
    }
}
