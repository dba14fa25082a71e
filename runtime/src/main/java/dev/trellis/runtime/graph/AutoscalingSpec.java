package dev.trellis.runtime.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the controller chooses a deployment's replica count from its load, from {@code @Autoscaling}
 * (Ray Serve's policy; see {@code docs/autoscaling.md}): desired = ongoing requests (queued and running,
 * averaged over {@code lookBack}) ÷ {@code targetOngoingRequests}, applied with a factor and clamped to
 * [{@code minReplicas}, {@code maxReplicas}] once the decision has held for its delay.
 *
 * @param minReplicas the fewest replicas; 0 lets the deployment scale to zero
 * @param maxReplicas the most replicas, at least 1 and at least {@code minReplicas}
 * @param initialReplicas replicas at start, within [min, max]
 * @param targetOngoingRequests ongoing requests per replica the policy aims for, above 0
 * @param upscaleDelay how long an upscale decision must hold before it applies
 * @param downscaleDelay how long a downscale decision must hold before it applies
 * @param downscaleToZeroDelay how long the decision to go from 1 replica to 0 must hold
 * @param upscalingFactor how much of the step towards the desired count one upscale takes (1 = all of it)
 * @param downscalingFactor how much of the step one downscale takes
 * @param lookBack the window the ongoing requests are averaged over
 * @param metricsInterval how often the load is sampled and a decision made
 */
public record AutoscalingSpec(
        int minReplicas,
        int maxReplicas,
        int initialReplicas,
        double targetOngoingRequests,
        Duration upscaleDelay,
        Duration downscaleDelay,
        Duration downscaleToZeroDelay,
        double upscalingFactor,
        double downscalingFactor,
        Duration lookBack,
        Duration metricsInterval) {

    /** Ray Serve's target: 2 requests per replica. */
    public static final double DEFAULT_TARGET_ONGOING_REQUESTS = 2;
    /** Ray Serve waits 30 s; a pipeline under a spike cannot. */
    public static final Duration DEFAULT_UPSCALE_DELAY = Duration.ofSeconds(3);
    /** Ray Serve waits 600 s. */
    public static final Duration DEFAULT_DOWNSCALE_DELAY = Duration.ofSeconds(60);
    /** Ray Serve averages over 30 s. */
    public static final Duration DEFAULT_LOOK_BACK = Duration.ofSeconds(5);
    /** Ray Serve decides every 100 ms. */
    public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofMillis(100);

    public AutoscalingSpec {
        List<String> problems = problems(minReplicas, maxReplicas, initialReplicas, targetOngoingRequests,
                upscaleDelay, downscaleDelay, downscaleToZeroDelay, upscalingFactor, downscalingFactor, lookBack,
                metricsInterval);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid autoscaling: " + String.join("; ", problems));
        }
    }

    /**
     * The generated form: times in milliseconds, {@code downscaleToZeroDelayMillis} -1 for "as
     * {@code downscaleDelayMillis}".
     */
    public static AutoscalingSpec ofMillis(int minReplicas, int maxReplicas, int initialReplicas,
            double targetOngoingRequests, long upscaleDelayMillis, long downscaleDelayMillis,
            long downscaleToZeroDelayMillis, double upscalingFactor, double downscalingFactor, long lookBackMillis,
            long metricsIntervalMillis) {
        return new AutoscalingSpec(minReplicas, maxReplicas, initialReplicas, targetOngoingRequests,
                Duration.ofMillis(upscaleDelayMillis), Duration.ofMillis(downscaleDelayMillis),
                Duration.ofMillis(downscaleToZeroDelayMillis < 0 ? downscaleDelayMillis : downscaleToZeroDelayMillis),
                upscalingFactor, downscalingFactor, Duration.ofMillis(lookBackMillis),
                Duration.ofMillis(metricsIntervalMillis));
    }

    /** Autoscaling between {@code min} and {@code max} with every other setting at its default. */
    public static AutoscalingSpec between(int min, int max) {
        return new AutoscalingSpec(min, max, min, DEFAULT_TARGET_ONGOING_REQUESTS, DEFAULT_UPSCALE_DELAY,
                DEFAULT_DOWNSCALE_DELAY, DEFAULT_DOWNSCALE_DELAY, 1, 1, DEFAULT_LOOK_BACK, DEFAULT_METRICS_INTERVAL);
    }

    /**
     * What is wrong with these settings, each problem a phrase naming the field ("maxReplicas 0 is below
     * 1"); empty when they are valid. The deployment YAML's validator reports them all at once.
     */
    public static List<String> problems(int minReplicas, int maxReplicas, int initialReplicas,
            double targetOngoingRequests, Duration upscaleDelay, Duration downscaleDelay,
            Duration downscaleToZeroDelay, double upscalingFactor, double downscalingFactor, Duration lookBack,
            Duration metricsInterval) {
        List<String> problems = new ArrayList<>();
        if (minReplicas < 0) {
            problems.add("min " + minReplicas + " is below 0");
        }
        if (maxReplicas < 1) {
            problems.add("max " + maxReplicas + " is below 1");
        }
        if (minReplicas >= 0 && maxReplicas >= 1 && minReplicas > maxReplicas) {
            problems.add("min " + minReplicas + " is above max " + maxReplicas);
        } else if (minReplicas >= 0 && maxReplicas >= 1 && (initialReplicas < minReplicas || initialReplicas > maxReplicas)) {
            problems.add("initial " + initialReplicas + " is outside [min, max] = [" + minReplicas + ", " + maxReplicas
                    + "]");
        }
        if (!(targetOngoingRequests > 0) || Double.isInfinite(targetOngoingRequests)) {
            problems.add("targetOngoingRequests " + targetOngoingRequests + " is not a finite number above 0");
        }
        checkNotNegative(problems, "upscaleDelayMillis", upscaleDelay);
        checkNotNegative(problems, "downscaleDelayMillis", downscaleDelay);
        checkNotNegative(problems, "downscaleToZeroDelayMillis", downscaleToZeroDelay);
        checkFactor(problems, "upscalingFactor", upscalingFactor);
        checkFactor(problems, "downscalingFactor", downscalingFactor);
        checkPositive(problems, "lookBackMillis", lookBack);
        checkPositive(problems, "metricsIntervalMillis", metricsInterval);
        return problems;
    }

    private static void checkNotNegative(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(name + " " + (value == null ? "is missing" : value.toMillis() + " is negative"));
        }
    }

    private static void checkPositive(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " " + (value == null ? "is missing" : value.toMillis() + " is not above 0"));
        }
    }

    private static void checkFactor(List<String> problems, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problems.add(name + " " + value + " is not a finite number above 0");
        }
    }
}
