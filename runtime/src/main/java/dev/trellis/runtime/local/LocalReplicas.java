package dev.trellis.runtime.local;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.spi.DeploymentNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replicas of one deployment in the {@code local} topology: builds them behind the deployment's
 * router, checks each one's health, and replaces one that fails its check too often in a row with a new
 * instance built the same way. The unhealthy replica leaves the router first, so no new call reaches
 * it; the calls it is running get the shutdown grace period to finish.
 *
 * @param <T> the deployment class
 */
final class LocalReplicas<T> {

    private static final System.Logger LOGGER = System.getLogger(LocalReplicas.class.getName());

    private final String application;
    private final DeploymentNode<T> node;
    private final Router router;
    private final DeploymentConfig context;
    private final GpuPlacement gpus;
    private final java.util.Map<Replica, java.util.OptionalInt> devices = new ConcurrentHashMap<>();
    private final Duration gracePeriod;
    private static final Duration RETIRE_POLL = Duration.ofMillis(10);

    private final Set<Thread> watches = ConcurrentHashMap.newKeySet();
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    LocalReplicas(String application, DeploymentNode<T> node, Router router, DeploymentConfig context,
            GpuPlacement gpus, Duration gracePeriod) {
        this.application = application;
        this.node = node;
        this.router = router;
        this.context = context;
        this.gpus = gpus;
        this.gracePeriod = gracePeriod;
    }

    /**
     * Builds the deployment's {@code numReplicas} replicas.
     *
     * @throws ApplicationStartException if a constructor throws or the factory returns null
     */
    void start() {
        int count = node.spec().numReplicas();
        double share = node.spec().resources().gpus();
        for (int i = 0; i < count; i++) {
            java.util.OptionalInt device = gpus.place(share);
            if (share > 0 && device.isEmpty()) {
                LOGGER.log(Level.WARNING, "Deployment ''{0}'' asks for {1} GPU per replica, but {2}: replica {3}"
                        + " runs its models on the CPU", node.name(), share, gpus.whyNoDevice(), i + 1);
            }
            T instance;
            try {
                instance = build(device);
            } catch (Exception e) {
                gpus.release(device, share);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new ApplicationStartException(application, node.name(), "Application '" + application
                        + "' failed to start: deployment '" + node.name() + "' (replica " + (i + 1) + " of "
                        + count + ") threw " + Replica.describe(e), e);
            }
            Replica replica = router.addReplica(instance, node.dispatcher());
            devices.put(replica, device);
            watch(replica, instance);
        }
    }

    /** Stops the health checks; the router stops the replicas. */
    void stopWatching() {
        stopped = true;
        watches.forEach(Thread::interrupt);
    }

    private T build(java.util.OptionalInt device) throws Exception {
        T instance = node.factory().create(context.onDevice(device));
        if (instance == null) {
            throw new IllegalStateException("the factory of deployment '" + node.name() + "' returned null");
        }
        return instance;
    }

    private void watch(Replica replica, T instance) {
        Thread watch = Thread.ofVirtual().name("trellis-health-" + replica).unstarted(() -> HealthWatch.run(
                replica.toString(), node.name(), node.spec().health(),
                timeout -> HealthWatch.probe(() -> node.dispatcher().checkHealth(instance), timeout),
                () -> !stopped, () -> replace(replica, instance)));
        watches.add(watch);
        watch.start();
        if (stopped) {
            watch.interrupt(); // stopWatching ran before the watch was registered
        }
    }

    private void replace(Replica unhealthy, T unhealthyInstance) {
        watches.remove(Thread.currentThread());
        if (stopped) {
            return; // the application is stopping: it stops this replica with the others
        }
        java.util.OptionalInt device = devices.getOrDefault(unhealthy, java.util.OptionalInt.empty());
        T instance;
        try {
            instance = build(device); // on the device of the replica it replaces, which it takes over
        } catch (Exception e) {
            LOGGER.log(Level.ERROR, "Could not replace unhealthy replica " + unhealthy + ": its constructor threw "
                    + Replica.describe(e) + "; it keeps serving and is checked again", e);
            watch(unhealthy, unhealthyInstance);
            return;
        }
        Replica replacement;
        try {
            replacement = router.addReplica(instance, node.dispatcher());
        } catch (IllegalStateException closing) {
            InstanceExecution.closeInstance(node.name(), instance); // the application is shutting down
            return;
        }
        devices.put(replacement, device);
        devices.remove(unhealthy);
        router.removeReplica(unhealthy.id());
        Thread retire = Thread.ofVirtual().name("trellis-retire-" + unhealthy).unstarted(() -> retire(unhealthy));
        retiring.add(retire);
        retire.start();
        watch(replacement, instance);
    }

    /**
     * Lets the replica finish its calls, then stops it. Calls the router gave it just before it left
     * rotation still arrive (they hold slots), so it is shut down only once no slot is taken, or the
     * grace period is over.
     */
    private void retire(Replica unhealthy) {
        try {
            long deadline = System.nanoTime() + gracePeriod.toNanos();
            while (unhealthy.ongoing() > 0 && System.nanoTime() - deadline < 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(RETIRE_POLL.toNanos());
            }
            if (!unhealthy.awaitTermination(deadline)) {
                LOGGER.log(Level.WARNING, "Replaced replica {0} was still running calls after {1}; they were"
                        + " interrupted", unhealthy, gracePeriod);
            }
        } finally {
            retiring.remove(Thread.currentThread());
        }
    }

    /** Waits until replicas being retired have stopped, or the deadline (a {@link System#nanoTime()} value). */
    void awaitRetired(long deadlineNanos) {
        for (Thread retire : List.copyOf(retiring)) {
            try {
                if (!retire.join(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())))) {
                    retire.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
