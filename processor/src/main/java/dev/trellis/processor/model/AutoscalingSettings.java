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
 * @param downscaleToZeroDelayMillis how long the decision to go from one replica to none must hold
 *     ({@code -1} in the annotation is resolved to {@code downscaleDelayMillis})
 * @param upscalingFactor how much of the step towards the desired count one upscale takes
 * @param downscalingFactor how much of the step one downscale takes
 * @param lookBackMillis the window the load is averaged over
 * @param metricsIntervalMillis how often the load is sampled and a decision made
 */
public record AutoscalingSettings(
        int min,
        int max,
        int initial,
        double targetOngoingRequests,
        long upscaleDelayMillis,
        long downscaleDelayMillis,
        long downscaleToZeroDelayMillis,
        double upscalingFactor,
        double downscalingFactor,
        long lookBackMillis,
        long metricsIntervalMillis) {
}
