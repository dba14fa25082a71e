package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.runtime.graph.AutoscalingSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ray Serve's autoscaling rules (REFERENCE-SEMANTICS 15–18), one test each, on the policy's own clock:
 * every call is one decision interval of 100 ms later.
 */
class AutoscalingPolicyTest {

    private static final long INTERVAL = Duration.ofMillis(100).toNanos();

    private long now;

    private static AutoscalingSpec spec(int min, int max, double target, long upMillis, long downMillis,
            long toZeroMillis, double upFactor, double downFactor, long lookBackMillis) {
        return new AutoscalingSpec(min, max, min, target, Duration.ofMillis(upMillis), Duration.ofMillis(downMillis),
                Duration.ofMillis(toZeroMillis), upFactor, downFactor, Duration.ofMillis(lookBackMillis),
                Duration.ofMillis(100));
    }

    /** No delays, a window of one sample: each decision follows the load at once. */
    private static AutoscalingSpec immediate(int min, int max, double target) {
        return spec(min, max, target, 0, 0, 0, 1, 1, 100);
    }

    private AutoscalingPolicy.Decision next(AutoscalingPolicy policy, double ongoing, int target, int running) {
        return next(policy, ongoing, target, running, 0);
    }

    private AutoscalingPolicy.Decision next(AutoscalingPolicy policy, double ongoing, int target, int running,
            int starting) {
        now += INTERVAL;
        return policy.decide(now, ongoing, target, running, starting);
    }

    @Test
    void desiredIsOngoingRequestsOverTheTarget() {
        AutoscalingPolicy policy = new AutoscalingPolicy(immediate(1, 10, 5));

        assertEquals(4, next(policy, 20, 1, 1).targetReplicas(), "20 ongoing / 5 per replica");
        assertEquals(4, next(policy, 20, 4, 4).targetReplicas());
        assertEquals(2, next(policy, 10, 4, 4).targetReplicas());
    }

    @Test
    void aFactorTakesPartOfTheStep() {
        AutoscalingPolicy up = new AutoscalingPolicy(spec(1, 20, 2, 0, 0, 0, 0.5, 1, 100));
        // wanted 10, running 2: ceil(2 + 0.5 × 8)
        assertEquals(6, next(up, 20, 2, 2).targetReplicas());

        AutoscalingPolicy down = new AutoscalingPolicy(spec(1, 20, 2, 0, 0, 0, 1, 0.5, 100));
        // wanted 2, running 10: ceil(10 + 0.5 × (2 − 10))
        assertEquals(6, next(down, 4, 10, 10).targetReplicas());
    }

    @Test
    void theCountIsClampedToItsBounds() {
        AutoscalingPolicy policy = new AutoscalingPolicy(immediate(2, 5, 1));

        assertEquals(5, next(policy, 100, 2, 2).targetReplicas());
        assertEquals(2, next(policy, 0, 5, 5).targetReplicas());
    }

    @Test
    void anUpscaleAppliesOnlyOnceItHeldForTheWholeDelay() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(1, 10, 1, 1_000, 60_000, 60_000, 1, 1, 100));

        for (int decision = 0; decision < 10; decision++) { // 0 ms .. 900 ms after the first
            assertEquals(1, next(policy, 4, 1, 1).targetReplicas(), "decision " + decision + " is held back");
        }
        assertEquals(4, next(policy, 4, 1, 1).targetReplicas(), "1,000 ms after the first decision");
    }

    @Test
    void oneContraryDecisionStartsTheWaitAgain() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(1, 10, 1, 500, 500, 500, 1, 1, 100));

        for (int decision = 0; decision < 5; decision++) {
            next(policy, 4, 2, 2); // up, held for 400 ms
        }
        assertEquals(2, next(policy, 0.5, 2, 2).targetReplicas(), "a decision to go down resets the upscale");
        for (int decision = 0; decision < 5; decision++) {
            assertEquals(2, next(policy, 4, 2, 2).targetReplicas(), "the wait began again");
        }
        assertEquals(4, next(policy, 4, 2, 2).targetReplicas());
    }

    @Test
    void aSteadyDecisionAlsoStartsTheWaitAgain() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(1, 10, 1, 300, 300, 300, 1, 1, 100));

        next(policy, 4, 2, 2);
        next(policy, 4, 2, 2);
        next(policy, 2, 2, 2); // exactly at target: no decision
        next(policy, 4, 2, 2);
        next(policy, 4, 2, 2);
        next(policy, 4, 2, 2);
        assertEquals(4, next(policy, 4, 2, 2).targetReplicas(), "300 ms after the last restart");
    }

    @Test
    void loadThatOscillatesFasterThanTheDelayNeverChangesTheCount() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(1, 10, 1, 500, 500, 500, 1, 1, 100));

        for (int decision = 0; decision < 200; decision++) {
            double load = (decision / 3) % 2 == 0 ? 6 : 0.2; // up for 300 ms, down for 300 ms
            assertEquals(3, next(policy, load, 3, 3).targetReplicas(), "decision " + decision);
        }
    }

    @Test
    void downscalingGoesToOneFirstAndToZeroOnlyAfterTheToZeroDelay() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(0, 10, 1, 0, 200, 1_000, 1, 1, 100));

        next(policy, 0, 4, 4);
        next(policy, 0, 4, 4);
        assertEquals(1, next(policy, 0, 4, 4).targetReplicas(), "N -> 1, not N -> 0");
        for (int decision = 0; decision < 10; decision++) {
            assertEquals(1, next(policy, 0, 1, 1).targetReplicas(), "1 -> 0 waits for its own delay");
        }
        assertEquals(0, next(policy, 0, 1, 1).targetReplicas());
    }

    @Test
    void theToZeroDelayCanBeShorterThanTheDownscaleDelay() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(0, 10, 1, 0, 60_000, 0, 1, 1, 100));

        assertEquals(0, next(policy, 0, 1, 1).targetReplicas());
    }

    @Test
    void fromZeroOneWaitingRequestStartsOneReplicaAtOnce() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(0, 10, 2, 60_000, 60_000, 60_000, 1, 1, 10_000));

        assertEquals(0, next(policy, 0, 0, 0).targetReplicas(), "idle at zero stays at zero");
        assertEquals(1, next(policy, 1, 0, 0).targetReplicas(), "no upscale delay for a cold start");
        assertEquals(1, next(policy, 1, 1, 0, 1).targetReplicas(), "it waits for the replica it started");
    }

    @Test
    void replicasStillStartingDoNotMakeItScaleDown() {
        AutoscalingPolicy policy = new AutoscalingPolicy(immediate(1, 10, 1));

        assertEquals(8, next(policy, 2, 8, 2, 6).targetReplicas(), "two run, six start: not idle");
        assertEquals(2, next(policy, 2, 8, 2, 0).targetReplicas(), "once started, the low load counts");
    }

    @Test
    void theLoadIsAveragedOverTheLookBackWindow() {
        AutoscalingPolicy policy = new AutoscalingPolicy(spec(1, 10, 1, 0, 60_000, 60_000, 1, 1, 1_000));

        for (int decision = 0; decision < 9; decision++) {
            next(policy, 0, 1, 1);
        }
        AutoscalingPolicy.Decision burst = next(policy, 10, 1, 1); // one sample of ten among nine of nothing
        assertEquals(1.0, burst.averageOngoing(), 1e-9);
        assertEquals(1, burst.targetReplicas(), "one burst between samples moves nothing on its own");
        for (int decision = 0; decision < 10; decision++) {
            next(policy, 10, 1, 1);
        }
        assertEquals(10.0, next(policy, 10, 10, 10).averageOngoing(), 1e-9, "the old samples left the window");
    }
}
