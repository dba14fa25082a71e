package dev.trellis.processor.read;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.DeploymentSettings;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.util.Elements;

/** Reads and checks the numbers of a {@code @Deployment}: replicas, limits and resource hints. */
final class SettingsReader {

    private final Elements elements;
    private final Diagnostics diagnostics;

    SettingsReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
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
        return new DeploymentSettings(numReplicas, maxOngoing, maxQueued, cpus, gpus, memoryMb);
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
