package dev.trellis.runtime.control;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.Topology;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * A topology whose backend lives in a module of its own (Kubernetes: so that the runtime does not pull a
 * Kubernetes client), found with {@link ServiceLoader} once, at the start.
 */
public interface ReplicaBackendProvider {

    /** The topology it runs. */
    Topology topology();

    /**
     * A backend of {@code target}'s replicas.
     *
     * @param startTimeout how long a replica may take to start
     */
    ReplicaBackend create(ApplicationTarget target, Duration startTimeout);

    /**
     * The provider of {@code topology} on the class path.
     *
     * @throws ApplicationStartException if there is none, naming the module to add
     */
    static ReplicaBackendProvider of(String application, Topology topology) {
        for (ReplicaBackendProvider provider : ServiceLoader.load(ReplicaBackendProvider.class)) {
            if (provider.topology() == topology) {
                return provider;
            }
        }
        throw new ApplicationStartException(application, null, "The " + topology.name().toLowerCase(java.util.Locale.ROOT)
                + " topology needs dev.trellis:trellis-" + topology.name().toLowerCase(java.util.Locale.ROOT)
                + " on the class path (a runtime dependency of the application); it is not there", null);
    }
}
