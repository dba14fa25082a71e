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
 */
public record KubernetesSettings(String image, Optional<String> namespace, double controllerCpus,
        long controllerMemoryMb) {

    public KubernetesSettings {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("the image must be named");
        }
        Objects.requireNonNull(namespace, "namespace");
        if (controllerCpus <= 0 || controllerMemoryMb <= 0) {
            throw new IllegalArgumentException("the controller needs some CPU and memory: " + controllerCpus + ", "
                    + controllerMemoryMb);
        }
    }

    /** The image named, in the namespace kubectl is pointed at, with a controller of half a CPU and 512 MiB. */
    public static KubernetesSettings of(String image) {
        return new KubernetesSettings(image, Optional.empty(), 0.5, 512);
    }
}
