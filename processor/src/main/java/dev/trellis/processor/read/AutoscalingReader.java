package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.AutoscalingSettings;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.util.Elements;

/**
 * Reads and checks a deployment's {@code @Autoscaling} (Ray Serve's validation: max ≥ min,
 * min ≤ initial ≤ max, {@code num_replicas} and autoscaling exclusive). Autoscaling is on only when
 * {@code autoscaling} is written: its default value means a fixed {@code numReplicas}.
 */
final class AutoscalingReader {

    private static final String AUTOSCALING = "autoscaling";
    /** {@code @Autoscaling(initial)}'s default: start at min. */
    private static final int INITIAL_IS_MIN = -1;

    private final Elements elements;
    private final Diagnostics diagnostics;

    AutoscalingReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    /** The autoscaling settings of {@code deployment}, empty when it does not set them. */
    Optional<AutoscalingSettings> read(AnnotationReader deployment) {
        if (deployment.written(AUTOSCALING).isEmpty()) {
            return Optional.empty();
        }
        deployment.written("numReplicas").ifPresent(written -> diagnostics.error(
                ErrorMessages.replicasWithAutoscaling((Integer) deployment.value("numReplicas")),
                deployment.element(), deployment.mirror(), written));

        AnnotationReader autoscaling = deployment.nested(AUTOSCALING, elements);
        int min = (Integer) autoscaling.value("min");
        int max = (Integer) autoscaling.value("max");
        int initial = (Integer) autoscaling.value("initial");
        double target = (Double) autoscaling.value("targetOngoingRequests");
        long upscaleDelay = (Long) autoscaling.value("upscaleDelayMillis");
        long downscaleDelay = (Long) autoscaling.value("downscaleDelayMillis");
        long toZeroDelay = (Long) autoscaling.value("downscaleToZeroDelayMillis");
        double upscalingFactor = (Double) autoscaling.value("upscalingFactor");
        double downscalingFactor = (Double) autoscaling.value("downscalingFactor");
        long lookBack = (Long) autoscaling.value("lookBackMillis");
        long metricsInterval = (Long) autoscaling.value("metricsIntervalMillis");

        boolean minValid = check(autoscaling, "min", min >= 0, min,
                "the fewest replicas is 0 (to scale to zero) or more");
        boolean maxValid = check(autoscaling, "max", max >= 1, max, "the most replicas is 1 or more");
        check(autoscaling, "targetOngoingRequests", target > 0 && Double.isFinite(target), target,
                "the autoscaler aims for a finite number of ongoing requests per replica above 0, such as 2");
        check(autoscaling, "upscaleDelayMillis", upscaleDelay >= 0, upscaleDelay,
                "a delay is 0 ms (decide at once) or more");
        check(autoscaling, "downscaleDelayMillis", downscaleDelay >= 0, downscaleDelay,
                "a delay is 0 ms (decide at once) or more");
        check(autoscaling, "downscaleToZeroDelayMillis", toZeroDelay >= -1, toZeroDelay,
                "a delay is 0 ms (decide at once) or more, or -1 for downscaleDelayMillis");
        check(autoscaling, "upscalingFactor", upscalingFactor > 0 && Double.isFinite(upscalingFactor), upscalingFactor,
                "a factor is a finite number above 0 (1 takes the whole step)");
        check(autoscaling, "downscalingFactor", downscalingFactor > 0 && Double.isFinite(downscalingFactor),
                downscalingFactor, "a factor is a finite number above 0 (1 takes the whole step)");
        check(autoscaling, "lookBackMillis", lookBack > 0, lookBack,
                "the load is averaged over a window of at least 1 ms");
        check(autoscaling, "metricsIntervalMillis", metricsInterval > 0, metricsInterval,
                "the load is sampled every 1 ms or more");
        if (minValid && maxValid) {
            if (min > max) {
                report(ErrorMessages.autoscalingMinAboveMax(min, max), autoscaling,
                        autoscaling.written("max").or(() -> autoscaling.written("min")));
            } else if (initial != INITIAL_IS_MIN && (initial < min || initial > max)) {
                report(ErrorMessages.autoscalingInitialOutsideBounds(initial, min, max), autoscaling,
                        autoscaling.written("initial"));
            }
        }
        int resolvedInitial = initial == INITIAL_IS_MIN ? min : initial;
        return Optional.of(new AutoscalingSettings(min, max, resolvedInitial, target, upscaleDelay,
                downscaleDelay, toZeroDelay < 0 ? downscaleDelay : toZeroDelay, upscalingFactor, downscalingFactor,
                lookBack, metricsInterval));
    }

    /** Reports {@code autoscaling.<name>} when invalid, on its value when written; returns validity. */
    private boolean check(AnnotationReader autoscaling, String name, boolean valid, Object found,
            String rule) {
        if (!valid) {
            report(ErrorMessages.invalidSetting(AUTOSCALING + "." + name, String.valueOf(found), rule),
                    autoscaling, autoscaling.written(name));
        }
        return valid;
    }

    private void report(String message, AnnotationReader autoscaling, Optional<AnnotationValue> written) {
        diagnostics.error(message, autoscaling.element(), autoscaling.mirror(), written.orElse(null));
    }
}
