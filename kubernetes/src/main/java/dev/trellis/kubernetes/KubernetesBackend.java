package dev.trellis.kubernetes;

import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.control.BackendReplica;
import dev.trellis.runtime.control.Membership;
import dev.trellis.runtime.control.ReplicaBackend;
import dev.trellis.runtime.control.ReplicaEvents;
import dev.trellis.runtime.control.ReplicaLaunch;
import dev.trellis.runtime.grpc.ControlProtocol;
import dev.trellis.runtime.grpc.Member;
import dev.trellis.runtime.kubernetes.KubernetesNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Replicas as pods: the {@code kubernetes} topology's {@link ReplicaBackend}. Every deployment (and
 * canary) of the application is a Kubernetes Deployment, as {@code trellis:build} writes it; the
 * controller's decisions become that Deployment's {@code replicas}, and the pods its ReplicaSet makes are
 * the replicas.
 *
 * <ul>
 *   <li>A replica the controller starts raises its Deployment's {@code replicas} by one and waits for a pod
 *       that no replica holds: the first such pod that is ready (its readiness probe asks the replica's own
 *       health check) becomes it, reached at its pod IP. A pod that is there already (a controller that
 *       restarted) is taken the same way.</li>
 *   <li>A replica the controller stops gets the lowest {@code controller.kubernetes.io/pod-deletion-cost},
 *       then the Deployment one replica fewer: its ReplicaSet deletes exactly that pod, which drains (its
 *       {@code preStop}, then its graceful shutdown) and is gone when the API says so.</li>
 *   <li>A pod deleted or restarted by anyone else (a lost node, spot capacity taken back, a container
 *       that died) is a replica that went away: it leaves the routers at once and the controller replaces
 *       it, as in every topology.</li>
 * </ul>
 *
 * <p>Only the API is watched: pods of the application's replicas, by label. API writes go out one at a
 * time, in order, on a thread of their own; each scale writes the count wanted then, so a late one never
 * undoes a newer one.
 */
public final class KubernetesBackend implements ReplicaBackend {

    private static final System.Logger LOGGER = System.getLogger(KubernetesBackend.class.getName());

    /** The annotation a ReplicaSet reads to choose which pod a scale-down deletes: the lowest goes first. */
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private final KubernetesClient client;
    private final String namespace;
    private final ApplicationTarget application;
    private final int replicaPort;
    private final java.time.Duration startTimeout;
    private final ExecutorService writes = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("trellis-kubernetes-writes").factory());
    private final SharedIndexInformer<Pod> pods;

    // Guarded by this.
    private final Map<String, ArrayDeque<PodReplica>> waiting = new HashMap<>(); // by Deployment object, oldest first
    private final Map<String, PodReplica> byPod = new HashMap<>();
    private final Map<String, PodReplica> replicas = new ConcurrentHashMap<>(); // by replica id
    private final Map<String, ControlProtocol.SetMembers> members = new ConcurrentHashMap<>(); // the last announced
    private boolean closed;
    private volatile boolean closesClient;
    /** The application's internal credentials, from its Secret through this pod's environment; the replicas have the same. */
    private final java.util.Optional<dev.trellis.runtime.grpc.CallerSecret> secret =
            dev.trellis.runtime.grpc.CallerSecret.fromEnvironment();

    /**
     * Watches the application's replica pods in {@code namespace} and scales its Deployments there.
     *
     * @param replicaPort the port every replica pod serves on ({@link KubernetesNames#REPLICA_PORT} in a cluster)
     * @param startTimeout how long a replica may wait for a ready pod (an image to pull, a node to scale up)
     */
    public KubernetesBackend(KubernetesClient client, String namespace, ApplicationTarget application, int replicaPort,
            java.time.Duration startTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.application = Objects.requireNonNull(application, "application");
        this.replicaPort = replicaPort;
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        if (secret.isEmpty()) {
            System.getLogger(KubernetesBackend.class.getName()).log(System.Logger.Level.WARNING, "The controller of ''{0}''"
                    + " has no {1} (the Secret {2}): its calls to replica pods carry no credentials, which they refuse"
                    + " when they have the Secret", application.name(), dev.trellis.runtime.grpc.CallerSecret.ENV,
                    KubernetesNames.internalSecret(application.name()));
        }
        this.pods = client.pods().inNamespace(namespace)
                .withLabel(KubernetesNames.APPLICATION_LABEL, application.name())
                .withLabel(KubernetesNames.ROLE_LABEL, "replica")
                .inform(new PodEvents(), 30_000);
    }

    @Override
    public BackendReplica start(ReplicaLaunch launch, ReplicaEvents events) {
        String object = KubernetesNames.deploymentObject(application.name(), launch.deployment().name(), launch.canary());
        PodReplica replica = new PodReplica(this, launch, object, events);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Kubernetes backend of '" + application.name() + "' is closed");
            }
            replicas.put(replica.id(), replica);
            waiting.computeIfAbsent(object, ignored -> new ArrayDeque<>()).addLast(replica);
        }
        // A pod with no replica may be there already (one the ReplicaSet made for a replica that went away,
        // or that ran under the controller before this one): taken first, and marked, before the scale.
        pods.getStore().list().forEach(this::seen);
        scale(object);
        Thread.ofVirtual().name("trellis-start-" + replica.id()).start(() -> {
            try {
                Thread.sleep(startTimeout);
            } catch (InterruptedException e) {
                return;
            }
            if (stopWaiting(replica)) {
                forget(replica);
                scale(object);
                replica.failed("no pod of Deployment " + namespace + "/" + object + " was ready within "
                        + startTimeout.toSeconds() + " s (kubectl describe pods -l " + KubernetesNames.DEPLOYMENT_LABEL
                        + "=" + launch.deployment().name() + " says why)");
            }
        });
        return replica;
    }

    /** Sets the Deployment's {@code replicas} to the replicas that want a pod of it now. */
    void scale(String object) {
        writes.execute(() -> {
            int wanted;
            synchronized (this) {
                wanted = (int) replicas.values().stream().filter(replica -> replica.object.equals(object)
                        && !replica.stopping()).count();
            }
            try {
                client.apps().deployments().inNamespace(namespace).withName(object).scale(wanted);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not scale Deployment {0} to {1}: {2}", object, wanted, e.getMessage());
                failStarts(object, "its Deployment " + namespace + "/" + object + " could not be scaled: "
                        + e.getMessage());
            }
        });
    }

    /** Marks {@code pod} as the first the ReplicaSet deletes when its Deployment scales down. */
    void markForDeletion(String pod) {
        writes.execute(() -> {
            try {
                client.pods().inNamespace(namespace).withName(pod).edit(edited -> {
                    edited.getMetadata().getAnnotations().put(DELETION_COST, Integer.toString(Integer.MIN_VALUE));
                    return edited;
                });
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Could not mark pod {0} for deletion: {1}", pod, e.getMessage());
            }
        });
    }

    /**
     * Marks {@code pod} as held by a replica: a scale-down deletes the pods no replica holds before it, and
     * those an earlier controller held (their cost is older: the seconds since 2020 when they were taken).
     */
    private void markHeld(String pod) {
        String cost = Long.toString(Math.min(Integer.MAX_VALUE, java.time.Duration.between(
                java.time.Instant.parse("2020-01-01T00:00:00Z"), java.time.Instant.now()).toSeconds()));
        writes.execute(() -> {
            try {
                client.pods().inNamespace(namespace).withName(pod).edit(edited -> {
                    edited.getMetadata().getAnnotations().put(DELETION_COST, cost);
                    return edited;
                });
            } catch (RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Could not mark pod {0} as held: {1}", pod, e.getMessage());
            }
        });
    }

    /** The replicas waiting for a pod of a Deployment that cannot be scaled fail: nothing will come. */
    private void failStarts(String object, String reason) {
        List<PodReplica> failed;
        synchronized (this) {
            ArrayDeque<PodReplica> queue = waiting.remove(object);
            failed = queue == null ? List.of() : List.copyOf(queue);
            failed.forEach(replica -> replicas.remove(replica.id()));
        }
        failed.forEach(replica -> replica.failed(reason));
    }

    /** A pod as the API has it now: given to the oldest replica waiting for its Deployment once it is ready. */
    private void seen(Pod pod) {
        String name = pod.getMetadata().getName();
        PodReplica holder;
        synchronized (this) {
            holder = byPod.get(name);
            if (holder == null && Pods.ready(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
                ArrayDeque<PodReplica> queue = waiting.get(Pods.object(application.name(), pod));
                holder = queue == null ? null : queue.pollFirst();
                if (holder != null) {
                    byPod.put(name, holder);
                    markHeld(name);
                }
            }
        }
        if (holder != null) {
            holder.seen(pod, replicaPort);
        }
    }

    private void deleted(Pod pod) {
        PodReplica holder;
        synchronized (this) {
            holder = byPod.remove(pod.getMetadata().getName());
        }
        if (holder != null) {
            holder.podGone("its pod " + pod.getMetadata().getName() + " was deleted");
        }
    }

    /** A replica is gone for good: its pod, if it had one, may go to no other replica. */
    synchronized void forget(PodReplica replica) {
        replicas.remove(replica.id());
        ArrayDeque<PodReplica> queue = waiting.get(replica.object);
        if (queue != null) {
            queue.remove(replica);
        }
    }

    /** Whether a replica still waits for a pod; if so it waits no more. */
    synchronized boolean stopWaiting(PodReplica replica) {
        ArrayDeque<PodReplica> queue = waiting.get(replica.object);
        return queue != null && queue.remove(replica);
    }

    @Override
    public void membersChanged(String deployment, Membership announced) {
        List<Member> current = new ArrayList<>();
        for (BackendReplica member : announced.replicas()) {
            PodReplica replica = replicas.get(member.id());
            if (replica != null) {
                replica.member().ifPresent(current::add);
            }
        }
        members.put(deployment, announced.announcement(deployment, current));
        Membership.tellEach(replicas.values().stream().filter(replica -> replica.launch.deployment().dependencies()
                .contains(deployment)).toList(), replica -> "trellis-announce-" + replica.id(),
                replica -> replica.tell(deployment));
    }

    /** What was last announced of {@code dependency}'s members. */
    ControlProtocol.SetMembers members(String dependency) {
        return members.getOrDefault(dependency, new ControlProtocol.SetMembers(dependency, List.of()));
    }

    ApplicationTarget application() {
        return application;
    }

    /** What the controller's calls to replica pods carry. */
    java.util.Optional<dev.trellis.runtime.grpc.CallerSecret> secret() {
        return secret;
    }

    /**
     * The pods stay when the controller closes: its Deployments keep them, and the next controller takes them
     * as its replicas. Removing the application is {@code kubectl delete} of its manifests.
     */
    @Override
    public boolean replicasOutliveController() {
        return true;
    }

    /** The scheduler places the pods, GPU steps on nodes with the GPUs they ask for: none is on the controller's. */
    @Override
    public boolean clusterPlacesReplicas() {
        return true;
    }

    @Override
    public boolean reconfiguresInPlace() {
        return true; // over the control protocol, as to replica processes
    }

    /** It closes its client when it closes: the client is its own. */
    KubernetesBackend closingClient() {
        closesClient = true;
        return this;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        pods.close();
        replicas.values().forEach(PodReplica::disconnect);
        writes.shutdown();
        try {
            writes.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS); // the last scale-downs go out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closesClient) {
            client.close();
        }
    }

    /** What the API says of the application's replica pods. */
    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            seen(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod pod) {
            seen(pod);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            deleted(pod);
        }
    }
}
