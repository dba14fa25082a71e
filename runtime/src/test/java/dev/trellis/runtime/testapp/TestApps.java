package dev.trellis.runtime.testapp;

import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.server.TrellisApplication;

/**
 * Starts test applications in this JVM on a node with room for whatever they declare, so that a test
 * of routing or batching does not depend on the cores of the machine it runs on. Placement tests give
 * their own node.
 */
public final class TestApps {

    private TestApps() {}

    /** {@code graph} in the {@code local} topology on an unlimited node. */
    public static TrellisApplication start(ApplicationGraph graph) {
        return builder(graph).start();
    }

    /** A builder for {@code graph} on an unlimited node. */
    public static TrellisApplication.Builder builder(ApplicationGraph graph) {
        return TrellisApplication.builder(graph).node(NodeResources.unlimited());
    }
}
