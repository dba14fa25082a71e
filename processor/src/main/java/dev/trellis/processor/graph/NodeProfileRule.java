package dev.trellis.processor.graph;

import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.DeploymentSettings;
import dev.trellis.processor.model.NodeProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * The application fits on a node of at least one of the profiles given to the processor
 * ({@code -Atrellis.nodeProfiles}): every deployment's replicas at start, packed as the controller packs
 * them (CPUs and memory add up; GPU shares go first fit onto the profile's devices, two halves to one).
 * Otherwise a warning on the {@code @Application} says what each profile lacks: it would start with
 * replicas pending, or not at all.
 */
public final class NodeProfileRule {

    private static final double EPSILON = 1e-9;

    private NodeProfileRule() {}

    public static void check(ApplicationModel application, List<NodeProfile> profiles, Diagnostics diagnostics,
            TypeElement source, AnnotationMirror annotation) {
        if (profiles.isEmpty()) {
            return;
        }
        List<String> shortfalls = new ArrayList<>();
        for (NodeProfile profile : profiles) {
            Optional<String> shortfall = shortfall(application, profile);
            if (shortfall.isEmpty()) {
                return;
            }
            shortfalls.add(profile.text() + ": " + shortfall.get());
        }
        diagnostics.warning(ErrorMessages.fitsNoNodeProfile(application.name(), footprint(application), shortfalls),
                source, annotation);
    }

    /** What {@code profile} lacks for the application's replicas at start; empty when they fit. */
    static Optional<String> shortfall(ApplicationModel application, NodeProfile profile) {
        double cpus = 0;
        long memoryMb = 0;
        double[] gpuFree = new double[profile.gpus()];
        java.util.Arrays.fill(gpuFree, 1.0);
        for (DeploymentModel deployment : application.deployments()) {
            DeploymentSettings settings = deployment.settings();
            for (int replica = 0; replica < settings.numReplicas(); replica++) {
                cpus += settings.cpus();
                memoryMb += settings.memoryMb();
                if (settings.gpus() > 0 && !take(gpuFree, Math.min(1.0, settings.gpus()))) {
                    return Optional.of("no GPU has " + number(Math.min(1.0, settings.gpus())) + " left for replica "
                            + (replica + 1) + " of " + deployment.name());
                }
            }
        }
        if (cpus > profile.cpus() + EPSILON) {
            return Optional.of("needs " + number(cpus) + " CPUs, has " + number(profile.cpus()));
        }
        if (memoryMb > profile.memoryMb()) {
            return Optional.of("needs " + memoryMb + " MiB, has " + profile.memoryMb());
        }
        return Optional.empty();
    }

    private static boolean take(double[] free, double share) {
        for (int device = 0; device < free.length; device++) {
            if (free[device] + EPSILON >= share) {
                free[device] -= share;
                return true;
            }
        }
        return false;
    }

    private static String footprint(ApplicationModel application) {
        double cpus = 0;
        long memoryMb = 0;
        double gpus = 0;
        for (DeploymentModel deployment : application.deployments()) {
            DeploymentSettings settings = deployment.settings();
            cpus += settings.numReplicas() * settings.cpus();
            memoryMb += settings.numReplicas() * settings.memoryMb();
            gpus += settings.numReplicas() * settings.gpus();
        }
        return number(cpus) + " CPUs, " + memoryMb + " MiB and " + number(gpus) + " GPUs";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
