package dev.trellis.runtime.process;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.grpc.RemoteReplica;
import dev.trellis.runtime.local.Router;
import dev.trellis.runtime.spi.ApplicationGraph;
import dev.trellis.runtime.spi.DeploymentNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routers a process uses to call deployments that run in other processes, kept in step with the
 * controller's announcements: a new member gets a channel and joins its deployment's router, a member
 * that is gone leaves it. Calls never wait for the controller; with no member they wait in the router.
 */
final class RemoteMembers implements AutoCloseable {

    private final ApplicationGraph graph;
    private final Duration callTimeout;
    private final Map<String, Router> routers = new HashMap<>();
    private final Map<String, Map<String, RemoteReplica>> channels = new HashMap<>(); // by deployment, then id

    /** @param deployments the deployments this process calls */
    RemoteMembers(ApplicationGraph graph, List<String> deployments, Duration callTimeout) {
        this.graph = graph;
        this.callTimeout = callTimeout;
        for (String deployment : deployments) {
            routers.put(deployment, Router.create(deployment, node(deployment).spec()));
        }
    }

    /** The router of {@code deployment}. */
    DeploymentChannel channel(String deployment) {
        Router router = routers.get(deployment);
        if (router == null) {
            throw new IllegalArgumentException("This process does not call deployment '" + deployment + "'");
        }
        return router;
    }

    /** Makes the members of {@code deployment} exactly {@code members}. */
    synchronized void apply(String deployment, List<Member> members) {
        Router router = routers.get(deployment);
        if (router == null) {
            return; // an announcement about a deployment this process does not call
        }
        Map<String, RemoteReplica> known = channels.computeIfAbsent(deployment, ignored -> new HashMap<>());
        Set<String> announced = new HashSet<>();
        for (Member member : members) {
            announced.add(member.id());
            if (!known.containsKey(member.id())) {
                RemoteReplica channel = RemoteReplica.connect(graph.name(), deployment, node(deployment).wire(),
                        member.host(), member.port(), callTimeout);
                known.put(member.id(), channel);
                router.addRemoteReplica(member.id(), channel, node(deployment).dispatcher().maxModelsPerReplica());
            }
        }
        for (String id : List.copyOf(known.keySet())) {
            if (!announced.contains(id)) {
                router.removeReplica(id);
                known.remove(id).close();
            }
        }
    }

    private DeploymentNode<?> node(String deployment) {
        return graph.nodes().stream().filter(node -> node.name().equals(deployment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Application '" + graph.name()
                        + "' has no deployment '" + deployment + "'"));
    }

    /** Refuses new calls; calls on their way go on over the channels, which stay open until {@link #close}. */
    public synchronized void shutdown() {
        routers.values().forEach(Router::shutdown);
    }

    @Override
    public synchronized void close() {
        routers.values().forEach(Router::shutdown);
        channels.values().forEach(byId -> byId.values().forEach(RemoteReplica::close));
        channels.clear();
    }
}
