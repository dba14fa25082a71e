package dev.trellis.runtime.kubernetes;

import java.util.Objects;
import java.util.Optional;

/**
 * What the manifests need beyond the application's target.
 *
 * @param image the application's container image, which every pod runs ({@code registry/name:tag})
 * @param namespace the namespace the objects go to; empty for the one {@code kubectl} is pointed at
 * @param controllerCpus the CPUs requested for the controller's pod
 * @param controllerMemoryMb the memory requested (and its limit) for the controller's pod, in MiB
 * @param models the volume that brings the models to every replica pod; none when the image holds them
 */
public record KubernetesSettings(String image, Optional<String> namespace, double controllerCpus,
        long controllerMemoryMb, Optional<ModelVolume> models) {

    /**
     * A PersistentVolumeClaim holding the models, mounted read-only into every replica pod at the path where the
     * application looks for them (the image's model path: {@code /models} in the samples).
     *
     * @param claimName the claim's name, in the application's namespace
     * @param mountPath the absolute path inside the container
     */
    public record ModelVolume(String claimName, String mountPath) {

        public ModelVolume {
            Objects.requireNonNull(claimName, "claimName");
            Objects.requireNonNull(mountPath, "mountPath");
            if (!claimName.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") || claimName.length() > 253) {
                throw new IllegalArgumentException("'" + claimName + "' is not a Kubernetes object name (lower-case"
                        + " letters, digits, '-' and '.')");
            }
            if (!mountPath.startsWith("/")) {
                throw new IllegalArgumentException("the models' mount path must be absolute: '" + mountPath + "'");
            }
        }
    }

    /** Settings with no model volume (the image holds the models, or the application needs none). */
    public KubernetesSettings(String image, Optional<String> namespace, double controllerCpus, long controllerMemoryMb) {
        this(image, namespace, controllerCpus, controllerMemoryMb, Optional.empty());
    }

    public KubernetesSettings {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("the image must be named");
        }
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(models, "models");
        if (controllerCpus <= 0 || controllerMemoryMb <= 0) {
            throw new IllegalArgumentException("the controller needs some CPU and memory: " + controllerCpus + ", "
                    + controllerMemoryMb);
        }
    }

    /** The image named, in the namespace kubectl is pointed at, with a controller of half a CPU and 512 MiB. */
    public static KubernetesSettings of(String image) {
        return new KubernetesSettings(image, Optional.empty(), 0.5, 512);
    }

    /** These settings, with the models brought by {@code volume}. */
    public KubernetesSettings withModels(ModelVolume volume) {
        return new KubernetesSettings(image, namespace, controllerCpus, controllerMemoryMb, Optional.of(volume));
    }
}
