package dev.trellis.runtime;

/**
 * What one replica needs, from {@code @Resources}: hints for placement and manifests.
 *
 * @param cpus CPU cores, fractions allowed
 * @param gpus GPUs, fractions share a device
 * @param memoryMb memory in MiB, 0 for no reservation
 */
public record ResourceSpec(double cpus, double gpus, long memoryMb) {
}
