package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/** Two deployments with half a GPU each, for benchmarks/gpu-check.sh. */
@Application(name = "bench-gpu-check", ingress = GpuCheckIngress.class)
final class GpuCheckApp {}
