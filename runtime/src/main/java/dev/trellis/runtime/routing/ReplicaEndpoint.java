package dev.trellis.runtime.routing;

import dev.trellis.runtime.DeploymentChannel;

/**
 * How a router reaches a replica: an {@link Execution} in this JVM, or a channel to a replica in
 * another process (whose calls it may retry elsewhere when the replica could not be reached).
 */
public sealed interface ReplicaEndpoint {

    /** A replica whose instance runs in this JVM. */
    record InProcess(Execution execution) implements ReplicaEndpoint {
        public InProcess {
            java.util.Objects.requireNonNull(execution, "execution");
        }
    }

    /**
     * A replica in another process.
     *
     * @param maxModelsPerReplica how many models it keeps loaded, for a multiplexed deployment; 0 otherwise
     */
    record Remote(DeploymentChannel channel, int maxModelsPerReplica) implements ReplicaEndpoint {
        public Remote {
            java.util.Objects.requireNonNull(channel, "channel");
        }
    }
}
