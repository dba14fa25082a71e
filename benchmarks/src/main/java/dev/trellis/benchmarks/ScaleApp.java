package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/**
 * The application the autoscaling benchmark loads: an ingress in front of {@link ScaledWorker}, which
 * autoscales between one and three replicas, and {@link ColdWorker}, which scales to zero when idle.
 */
@Application(name = "autoscale-bench", ingress = ScaleIngress.class)
final class ScaleApp {}
