package dev.trellis.runtime.control;

/** Where a replica is in its life, as the controller sees it. */
public enum ReplicaState {
    /** Wanted, but the node has no room for it yet; its reason says what is missing. */
    PENDING,
    /** Placed and being built or started; it takes calls once it has passed its first health check. */
    STARTING,
    /** Taking calls. */
    RUNNING,
    /** Out of rotation, finishing its calls before it stops. */
    STOPPING
}
