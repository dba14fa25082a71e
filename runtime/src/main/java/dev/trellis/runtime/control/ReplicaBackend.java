package dev.trellis.runtime.control;


/**
 * Where replicas run: the one thing that differs between topologies. The controller decides which
 * replicas should exist, where they are placed and when they stop; a backend only carries that out, in
 * this JVM, as child processes, or (in its own module) as Kubernetes pods, and reports what happened.
 *
 * <p>Every method returns at once; what takes time (building an instance, starting a JVM) is reported
 * later through the {@link ReplicaEvents} of the replica. Events may come on any thread, but never
 * from inside {@link #start}.
 */
public interface ReplicaBackend extends AutoCloseable {

    /**
     * Starts a replica: builds its instance or starts its process, on the placement it was given.
     *
     * @param events where the replica reports that it started, failed to, or went away later
     * @return the replica, through which the controller checks, measures and stops it; usable at once
     */
    BackendReplica start(ReplicaLaunch launch, ReplicaEvents events);

    /**
     * The replicas of {@code deployment} that take calls, and how its calls split between its canary's
     * and its own, are now {@code members}: a backend whose callers live elsewhere (replicas in other
     * processes) tells them. The controller calls it one change at a time, in order, never under its lock;
     * it may block until the callers know.
     */
    default void membersChanged(String deployment, Membership members) {}

    /**
     * Whether its replicas take a new configuration while they run ({@link BackendReplica#reconfigure});
     * where not, a changed configuration rolls them over.
     */
    default boolean reconfiguresInPlace() {
        return false;
    }

    /**
     * Whether its replicas run the class path a deployment's target names ({@link
     * dev.trellis.runtime.config.DeploymentTarget#classPath}): those in processes of their own do, those in
     * this JVM run the code this JVM has.
     */
    default boolean runsOwnClassPaths() {
        return false;
    }

    /**
     * Whether its replicas go on when the controller closes: pods of a cluster, whose Deployments keep them,
     * and which the next controller (the controller's pod restarted, upgraded) takes over. Where not, closing
     * the controller stops every replica.
     */
    default boolean replicasOutliveController() {
        return false;
    }

    /**
     * Whether a cluster places its replicas, on nodes the controller does not see: the controller's own node
     * (and its GPUs, or their absence) then says nothing about where they run.
     */
    default boolean clusterPlacesReplicas() {
        return false;
    }

    /** Releases what the backend holds; the controller has stopped every replica before. */
    @Override
    void close();
}
