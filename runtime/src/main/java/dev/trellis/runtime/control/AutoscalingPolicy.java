package dev.trellis.runtime.control;

import dev.trellis.runtime.graph.AutoscalingSpec;

/**
 * Ray Serve's replica-queue-length policy for one deployment, decided on the controller's clock. Each
 * decision interval: desired = average ongoing requests ÷ {@code targetOngoingRequests}, applied as
 * {@code ceil(running + factor × (desired − running))} and clamped to [min, max]. A new count applies only
 * once the same direction of decision has held for the whole delay; a contrary decision, or none, starts
 * the wait again, so load that oscillates faster than the delay never changes the count. Downscaling goes
 * to one replica first and from one to zero only after the to-zero delay. From zero replicas, one waiting
 * request scales to one at once. While replicas are still starting, the policy does not scale down.
 */
final class AutoscalingPolicy {

    /** What the policy decided at one interval, for the status and the logs. */
    record Decision(int targetReplicas, double averageOngoing, int desiredReplicas, String pending) {}

    private final AutoscalingSpec spec;
    private final LoadWindow window;
    private int direction; // +1 waiting to scale up, -1 waiting to scale down, 0 neither
    private long since; // when the current direction's first decision came

    AutoscalingPolicy(AutoscalingSpec spec) {
        this.spec = spec;
        this.window = new LoadWindow(spec.lookBack());
    }

    AutoscalingSpec spec() {
        return spec;
    }

    /**
     * @param nowNanos the controller's clock
     * @param ongoing the requests queued for and running on the deployment now, over all its callers
     * @param target the replica count the deployment is scaled to now
     * @param running its replicas that take calls
     * @param starting its replicas placed and starting, or waiting for room
     * @return the replica count it should be scaled to
     */
    Decision decide(long nowNanos, double ongoing, int target, int running, int starting) {
        window.add(nowNanos, ongoing);
        double average = window.average();
        if (running == 0) {
            direction = 0;
            if (target == 0 && ongoing > 0) {
                // A request waits and nothing can serve it: a cold start, at once.
                int first = clamp(Math.max(1, (int) Math.ceil(spec.upscalingFactor())));
                return new Decision(first, average, first, "");
            }
            return new Decision(target, average, target, starting > 0 ? "waiting for replicas to start" : "");
        }
        double wanted = average / spec.targetOngoingRequests();
        double factor = wanted >= running ? spec.upscalingFactor() : spec.downscalingFactor();
        int desired = clamp((int) Math.ceil(running + factor * (wanted - running) - 1e-9));
        if (desired > target) {
            return hold(nowNanos, +1, spec.upscaleDelay().toNanos(), desired, target, average);
        }
        if (desired < target) {
            if (starting > 0) {
                direction = 0; // replicas still starting are not idle
                return new Decision(target, average, desired, "replicas are still starting");
            }
            boolean toZero = target == 1;
            int next = toZero ? desired : Math.max(1, desired); // N -> 1 first, 1 -> 0 on its own delay
            long delay = (toZero ? spec.downscaleToZeroDelay() : spec.downscaleDelay()).toNanos();
            return hold(nowNanos, -1, delay, next, target, average);
        }
        direction = 0;
        return new Decision(target, average, desired, "");
    }

    private Decision hold(long nowNanos, int wantedDirection, long delayNanos, int desired, int target,
            double average) {
        if (direction != wantedDirection) {
            direction = wantedDirection;
            since = nowNanos;
        }
        long held = nowNanos - since;
        if (held >= delayNanos) {
            direction = 0;
            return new Decision(desired, average, desired, "");
        }
        return new Decision(target, average, desired, (wantedDirection > 0 ? "scaling up" : "scaling down") + " to "
                + desired + " once the decision has held for " + (delayNanos / 1_000_000) + " ms ("
                + (held / 1_000_000) + " ms so far)");
    }

    private int clamp(int replicas) {
        return Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), replicas));
    }
}
