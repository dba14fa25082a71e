package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.ProcessorOptions;
import dev.trellis.processor.model.AutoscalingSettings;
import dev.trellis.processor.model.DeploymentSettings;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.util.Elements;

/**
 * Reads and checks the numbers of a {@code @Deployment}: replicas, limits, resource hints (against the
 * largest node, {@code -Atrellis.nodeGpus}) and autoscaling.
 */
final class SettingsReader {

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final int nodeGpus;
    private final AutoscalingReader autoscaling;

    SettingsReader(Elements elements, Diagnostics diagnostics, ProcessorOptions options) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.nodeGpus = options.nodeGpus();
        this.autoscaling = new AutoscalingReader(elements, diagnostics);
    }

    DeploymentSettings read(AnnotationReader deployment) {
        int numReplicas = (Integer) deployment.value("numReplicas");
        int maxOngoing = (Integer) deployment.value("maxOngoingRequests");
        int maxQueued = (Integer) deployment.value("maxQueuedRequests");
        check(deployment, "numReplicas", "numReplicas", numReplicas >= 1, numReplicas,
                "a deployment runs at least 1 replica");
        check(deployment, "maxOngoingRequests", "maxOngoingRequests", maxOngoing >= 1, maxOngoing,
                "a replica must be allowed at least 1 call at a time");
        check(deployment, "maxQueuedRequests", "maxQueuedRequests", maxQueued >= -1, maxQueued,
                "use -1 for an unbounded queue, or a limit of 0 or more");

        AnnotationReader resources = deployment.nested("resources", elements);
        double cpus = (Double) resources.value("cpus");
        double gpus = (Double) resources.value("gpus");
        long memoryMb = (Long) resources.value("memoryMb");
        check(deployment, "resources.cpus", "resources", cpus >= 0.01 && Double.isFinite(cpus), cpus,
                "a replica needs at least 0.01 CPUs (a finite number)");
        check(deployment, "resources.gpus", "resources", gpus >= 0 && Double.isFinite(gpus), gpus,
                "GPUs must be 0 or more (0.5 shares one device between two replicas)");
        check(deployment, "resources.memoryMb", "resources", memoryMb >= 0, memoryMb,
                "memory must be 0 (no reservation) or more MiB");
        checkGpusCanBePlaced(resources, gpus);

        Optional<AutoscalingSettings> autoscalingSettings = autoscaling.read(deployment);
        // An autoscaled deployment starts with its initial count (0 when it may scale to zero).
        int replicas = autoscalingSettings.map(AutoscalingSettings::initial).orElse(numReplicas);
        return new DeploymentSettings(replicas, maxOngoing, maxQueued, cpus, gpus, memoryMb,
                autoscalingSettings);
    }

    /**
     * GPUs beyond the largest node could never be placed, and a fraction shares one device, so above 1 only
     * whole devices make sense. Reported on the {@code gpus} value itself.
     */
    private void checkGpusCanBePlaced(AnnotationReader resources, double gpus) {
        if (!Double.isFinite(gpus)) {
            return;
        }
        AnnotationValue written = resources.written("gpus").orElse(null);
        if (gpus > nodeGpus) {
            diagnostics.error(ErrorMessages.gpusAboveNode(gpus, nodeGpus, ProcessorOptions.NODE_GPUS),
                    resources.element(), resources.mirror(), written);
        }
        if (gpus > 1 && gpus != Math.rint(gpus)) {
            diagnostics.error(ErrorMessages.fractionalGpusAboveOne(gpus), resources.element(),
                    resources.mirror(), written);
        }
    }

    /**
     * Reports {@code setting} when invalid, on the annotation value {@code writtenAs} when it was written
     * (the nested {@code resources} value for a resource hint), else on the annotation.
     */
    private void check(AnnotationReader annotation, String setting, String writtenAs, boolean valid,
            Object found, String rule) {
        if (!valid) {
            AnnotationValue written = annotation.written(writtenAs).orElse(null);
            diagnostics.error(ErrorMessages.invalidSetting(setting, String.valueOf(found), rule),
                    annotation.element(), annotation.mirror(), written);
        }
    }
}
