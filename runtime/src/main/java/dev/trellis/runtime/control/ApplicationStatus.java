package dev.trellis.runtime.control;

import java.util.List;
import java.util.Map;

/**
 * The whole application as the controller sees it: what {@code GET /-/status} answers, and what the
 * readiness check and the autoscaling tests read.
 *
 * @param name the application
 * @param state where the application is in its life
 * @param node the node's resources and what of them is free
 * @param deployments every deployment, in start order
 */
public record ApplicationStatus(String name, State state, Map<String, Object> node, List<DeploymentStatus> deployments) {

    /** Where an application is in its life. */
    public enum State {
        STARTING,
        RUNNING,
        STOPPING
    }

    public ApplicationStatus {
        node = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(node)); // in the order given
        deployments = List.copyOf(deployments);
    }

    /**
     * Whether it should get traffic: it runs, no deployment is unhealthy, and each has at least its
     * minimum replicas running.
     */
    public boolean ready() {
        return state == State.RUNNING && deployments.stream().allMatch(deployment ->
                deployment.health() != DeploymentStatus.Health.UNHEALTHY
                        && deployment.running() >= deployment.minimumReplicas());
    }

    /**
     * The deployment named {@code name}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public DeploymentStatus deployment(String name) {
        return deployments.stream().filter(deployment -> deployment.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Application '" + this.name() + "' has no deployment '"
                        + name + "'"));
    }
}
