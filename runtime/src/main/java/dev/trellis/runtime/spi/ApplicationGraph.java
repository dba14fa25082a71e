package dev.trellis.runtime.spi;

import java.util.List;

/**
 * An application as the processor saw it: generated once per {@code @Application} and found at run
 * time with {@link java.util.ServiceLoader}. Everything here was checked by the compiler; the runtime
 * only executes it.
 */
public interface ApplicationGraph {

    /** The application's name, from {@code @Application(name)}. */
    String name();

    /** The name of the ingress deployment, the one outside traffic reaches. */
    String ingress();

    /** Every deployment of the application, dependencies before the deployments that call them. */
    List<DeploymentNode<?>> nodes();

    /** The HTTP routes of the ingress deployment, with full paths. */
    List<IngressRoute> routes();

    /** The class-path resource of the generated manifest, {@code META-INF/trellis/<name>.yaml}. */
    String manifestResource();
}
