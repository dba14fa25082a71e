package dev.trellis.runtime.replica;

import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.routing.Replica;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.RandomSource;
import dev.trellis.runtime.time.Ticker;

/** Puts instances behind a router in tests, as the {@code local} topology's backend does for a replica. */
final class Instances {

    private Instances() {}

    /** A router for {@code deployment} with the limits of {@code spec}, on the system's clock. */
    static Router router(String deployment, DeploymentSpec spec, RandomSource random) {
        return router(deployment, spec, random, Ticker.system());
    }

    /** A router for {@code deployment} with the limits of {@code spec}. */
    static Router router(String deployment, DeploymentSpec spec, RandomSource random, Ticker ticker) {
        return Router.create(deployment, spec.maxOngoingRequests(), spec.maxQueuedRequests(), random, ticker);
    }

    /** Adds a replica running {@code instance}, numbered after the router's replicas. */
    static <T> Replica serve(Router router, T instance, Dispatcher<T> dispatcher) {
        String id = router.deployment() + "-" + router.replicas().size();
        return router.addReplica(id, InstanceExecution.create(router.deployment(), id, instance, dispatcher,
                router.ticker()));
    }
}
