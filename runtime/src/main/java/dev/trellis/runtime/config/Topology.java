package dev.trellis.runtime.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where an application's replicas run; chosen by configuration ({@code -Dtrellis.topology} or
 * {@code TRELLIS_TOPOLOGY}), never by code.
 */
public enum Topology {

    /** Every replica in this JVM; calls pass objects without encoding them. The default. */
    LOCAL,

    /** Every replica in its own JVM on this machine, started by this one; calls cross gRPC. */
    PROCESSES,

    /**
     * Every replica a pod of a Kubernetes cluster, this JVM the controller's pod; calls cross gRPC. Needs
     * {@code dev.trellis:trellis-kubernetes} on the class path, which provides its backend (a {@code
     * ReplicaBackendProvider} of the control layer).
     */
    KUBERNETES;

    /**
     * The topology named {@code name}, in any case.
     *
     * @throws IllegalArgumentException naming the topologies there are
     */
    public static Topology parse(String name) {
        for (Topology topology : values()) {
            if (topology.name().equalsIgnoreCase(name.trim())) {
                return topology;
            }
        }
        throw new IllegalArgumentException("Unknown topology '" + name + "'; use one of "
                + Arrays.stream(values()).map(value -> value.name().toLowerCase(Locale.ROOT)).toList());
    }
}
