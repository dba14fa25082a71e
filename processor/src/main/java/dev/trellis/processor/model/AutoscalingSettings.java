package dev.trellis.processor.model;

/**
 * The values of a deployment's {@code @Autoscaling}, defaults filled in and checked.
 *
 * @param min the fewest replicas; 0 lets the deployment scale to zero
 * @param max the most replicas
 * @param initial replicas at start, within [min, max] ({@code -1} in the annotation is resolved to min)
 * @param targetOngoingRequests ongoing requests per replica the autoscaler aims for
 * @param upscaleDelayMillis how long an upscale decision must hold before it applies
 * @param downscaleDelayMillis how long a downscale decision must hold before it applies
 */
public record AutoscalingSettings(
        int min,
        int max,
        int initial,
        double targetOngoingRequests,
        long upscaleDelayMillis,
        long downscaleDelayMillis) {
}
