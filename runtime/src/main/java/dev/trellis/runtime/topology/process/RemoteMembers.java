package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.grpc.Member;
import dev.trellis.runtime.grpc.RemoteReplica;
import dev.trellis.runtime.routing.Router;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routers a replica process calls the deployments it depends on through, kept in step with the
 * controller's announcements: a new member gets a channel and joins its deployment's router, a member
 * that is gone leaves it (its calls in flight finish over the channel, which closes after them). Calls
 * never wait for the controller; with no member they wait in the router.
 */
final class RemoteMembers implements AutoCloseable {

    private final ApplicationTarget target;
    private final Duration callTimeout;
    private final Map<String, Router> routers = new HashMap<>();
    private final Map<String, Map<String, RemoteReplica>> channels = new HashMap<>(); // by deployment, then id

    /**
     * @param deployments the deployments this process calls
     * @param secret the credentials its calls carry, where replicas require them
     */
    RemoteMembers(ApplicationTarget target, List<String> deployments, Duration callTimeout,
            java.util.Optional<dev.trellis.runtime.grpc.CallerSecret> secret) {
        this.secret = secret;
        this.target = target;
        this.callTimeout = callTimeout;
        for (String name : deployments) {
            DeploymentTarget deployment = target.deployment(name);
            routers.put(name, Router.create(name, deployment.maxOngoingRequests(), deployment.maxQueuedRequests()));
        }
    }

    private final java.util.Optional<dev.trellis.runtime.grpc.CallerSecret> secret;

    /** The router of {@code deployment}. */
    DeploymentChannel channel(String deployment) {
        Router router = routers.get(deployment);
        if (router == null) {
            throw new IllegalArgumentException("This process does not call deployment '" + deployment + "'");
        }
        return router;
    }

    /** The calls each router holds because no member had room, by deployment. */
    synchronized Map<String, Integer> queued() {
        Map<String, Integer> queued = new HashMap<>();
        routers.forEach((name, router) -> queued.put(name, router.pendingCount()));
        return queued;
    }

    /** Makes the members of the announced deployment exactly the announced ones. */
    synchronized void apply(ControlProtocol.SetMembers announcement) {
        String deployment = announcement.deployment();
        Router router = routers.get(deployment);
        if (router == null) {
            return; // an announcement about a deployment this process does not call
        }
        DeploymentTarget target = this.target.deployment(deployment);
        Map<String, RemoteReplica> known = channels.computeIfAbsent(deployment, ignored -> new HashMap<>());
        Set<String> announced = new HashSet<>();
        announcement.members().forEach(member -> announced.add(member.id()));
        // Members that left go first, then the split, then the new members: a replica that leaves never counts
        // as the other version's meanwhile, and one that joins is labelled from its first call.
        for (String id : List.copyOf(known.keySet())) {
            if (!announced.contains(id)) {
                router.removeReplica(id);
                RemoteReplica gone = known.remove(id);
                // After its calls in flight, which it answers within its graceful shutdown.
                Duration grace = target.gracefulShutdownTimeout().plus(Duration.ofSeconds(5));
                Thread.ofVirtual().name("trellis-close-" + id).start(() -> gone.close(grace));
            }
        }
        router.splitTraffic(announcement.canaries(), announcement.canaryPercent());
        announcement.limits().ifPresent(limits -> router.setLimits(limits.maxOngoingRequests(),
                limits.maxQueuedRequests()));
        for (Member member : announcement.members()) {
            if (!known.containsKey(member.id())) {
                RemoteReplica channel = RemoteReplica.connect(this.target.name(), deployment, target.node().wire(),
                        member.host(), member.port(), callTimeout, secret);
                known.put(member.id(), channel);
                router.addRemoteReplica(member.id(), channel, target.node().dispatcher().maxModelsPerReplica());
            }
        }
    }

    /** Refuses new calls; calls on their way go on over the channels, which stay open until {@link #close}. */
    synchronized void shutdown() {
        routers.values().forEach(Router::shutdown);
    }

    @Override
    public synchronized void close() {
        routers.values().forEach(Router::shutdown);
        channels.values().forEach(byId -> byId.values().forEach(RemoteReplica::close));
        channels.clear();
    }
}
