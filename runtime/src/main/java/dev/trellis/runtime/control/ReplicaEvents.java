package dev.trellis.runtime.control;

import dev.trellis.runtime.routing.ReplicaEndpoint;

/** What a backend reports about one replica it was asked to start. Each method at most once. */
public interface ReplicaEvents {

    /**
     * The replica was built (its constructor returned, its process serves) and can take calls through
     * {@code endpoint}. The controller checks its health once before it sends it calls.
     */
    void started(ReplicaEndpoint endpoint);

    /** The replica could not be started: its constructor threw, its process exited or stayed silent. */
    void failed(String reason, Throwable cause);

    /** A replica that had started went away by itself, as a process that died. */
    void exited(String reason);
}
