package dev.trellis.runtime.config;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.HealthSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one deployment should look like while it runs: the code's settings with the deployment YAML's
 * overrides applied, immutable. The controller reconciles its replicas towards it; replicas read their
 * configuration and limits from it.
 *
 * @param node the generated code: how to build, call and encode the deployment
 * @param scaling a fixed replica count or autoscaling bounds
 * @param maxOngoingRequests calls one replica runs at once
 * @param maxQueuedRequests calls that may wait for a replica; -1 for no limit
 * @param resources what one replica needs, for placement
 * @param health how its replicas are checked
 * @param gracefulShutdownTimeout how long a stopping replica lets its running calls finish
 * @param config the configuration its constructor gets: the manifest's defaults, entries of the
 *     deployment YAML replacing them one by one
 * @param version the deployment's version, as the deployment YAML names it ({@code version: "2026-12-01"});
 *     empty when it names none
 * @param javaOptions the options of its replica JVMs in the {@code processes} topology, as the deployment
 *     YAML gives them; empty for the application's
 * @param batches how each {@code @Batch} method batches, by method name: the code's, or the deployment YAML's
 * @param classPath the class path of its replica JVMs in the {@code processes} topology, as the deployment
 *     YAML gives it: a new version of its code; empty for the application's
 * @param nodeProfile the kind of node its replicas run on in the {@code kubernetes} topology, one of the
 *     application's {@link ApplicationTarget#nodeProfiles()}, if the deployment YAML names one
 * @param canary a second version that runs beside this one and takes a share of its calls, if any
 */
public record DeploymentTarget(
        DeploymentNode<?> node,
        Scaling scaling,
        int maxOngoingRequests,
        int maxQueuedRequests,
        ResourceSpec resources,
        HealthSpec health,
        Duration gracefulShutdownTimeout,
        Map<String, Object> config,
        String version,
        Optional<List<String>> javaOptions,
        Map<String, dev.trellis.runtime.BatchSpec> batches,
        Optional<List<String>> classPath,
        Optional<String> nodeProfile,
        Optional<Canary> canary) {

    public DeploymentTarget {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(gracefulShutdownTimeout, "gracefulShutdownTimeout");
        config = Map.copyOf(config);
        Objects.requireNonNull(version, "version");
        javaOptions = javaOptions.map(List::copyOf);
        batches = Map.copyOf(batches);
        classPath = classPath.map(List::copyOf);
        Objects.requireNonNull(nodeProfile, "nodeProfile");
        Objects.requireNonNull(canary, "canary");
        if (maxOngoingRequests < 1) {
            throw new IllegalArgumentException("maxOngoingRequests must be at least 1, was " + maxOngoingRequests);
        }
        if (maxQueuedRequests < -1) {
            throw new IllegalArgumentException("maxQueuedRequests must be -1 (unbounded) or more, was "
                    + maxQueuedRequests);
        }
    }

    /**
     * The canary of a deployment: a target of its own (with the deployment's limits and health, and no
     * canary) and the share of the deployment's calls it takes.
     *
     * @param trafficPercent from 0 to 100
     */
    public record Canary(DeploymentTarget target, double trafficPercent) {
        public Canary {
            Objects.requireNonNull(target, "target");
            if (target.canary().isPresent()) {
                throw new IllegalArgumentException("a canary has no canary of its own");
            }
            if (!(trafficPercent >= 0 && trafficPercent <= 100)) {
                throw new IllegalArgumentException("trafficPercent must be from 0 to 100, was " + trafficPercent);
            }
        }
    }

    /** This target without its canary: what the deployment's own replicas run. */
    public DeploymentTarget withoutCanary() {
        return canary.isEmpty() ? this : new DeploymentTarget(node, scaling, maxOngoingRequests, maxQueuedRequests,
                resources, health, gracefulShutdownTimeout, config, version, javaOptions, batches, classPath,
                nodeProfile, Optional.empty());
    }

    /** The deployment's name. */
    public String name() {
        return node.name();
    }

    /** The deployments it calls. */
    public List<String> dependencies() {
        return node.dependencies();
    }

    /** How {@code method}, a {@code @Batch} method of this deployment, batches its calls. */
    public dev.trellis.runtime.BatchSpec batch(DeploymentMethod<?> method) {
        return batches.getOrDefault(method.name(), method.batch());
    }

    /** Its methods, as the handle and the wire know them. */
    public List<DeploymentMethod<?>> methods() {
        return node.wire().methods();
    }

}
