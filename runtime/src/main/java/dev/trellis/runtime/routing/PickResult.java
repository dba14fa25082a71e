package dev.trellis.runtime.routing;

import java.util.Objects;

/**
 * What a {@link Picker} decided: a replica whose slot it has already acquired for the call, or none,
 * in which case the call waits. A value instead of an exception or a null, so that picking never
 * throws and the caller must look at both outcomes (as grpc-java's {@code PickResult}).
 */
final class PickResult {

    private static final PickResult NONE = new PickResult(null);

    private final Replica replica;

    private PickResult(Replica replica) {
        this.replica = replica;
    }

    /** A replica that has a slot reserved for the call; the call must be started on it. */
    static PickResult acquired(Replica replica) {
        return new PickResult(Objects.requireNonNull(replica, "replica"));
    }

    /** No replica has room now. */
    static PickResult none() {
        return NONE;
    }

    boolean hasReplica() {
        return replica != null;
    }

    /**
     * @throws IllegalStateException if no replica was picked
     */
    Replica replica() {
        if (replica == null) {
            throw new IllegalStateException("no replica was picked");
        }
        return replica;
    }

    @Override
    public String toString() {
        return replica == null ? "PickResult[none]" : "PickResult[" + replica + "]";
    }
}
