package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.AutoscalingSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.testapp.StringWire;
import java.time.Duration;
import java.util.List;

/**
 * Two autoscaled deployments, written by hand as the processor would generate them, with delays short
 * enough for a test: {@code Worker} (1 to 3 replicas, one call each, 40 ms a call) and {@code Sleeper}
 * (0 to 1 replica: it scales to zero a second after its last call).
 */
public final class ScaledApplication implements ApplicationGraph {

    static final DeploymentMethod<String> WORK = new DeploymentMethod<>("Worker", "work", 0);
    static final DeploymentMethod<String> WAKE = new DeploymentMethod<>("Sleeper", "wake", 0);

    static final AutoscalingSpec WORKER = new AutoscalingSpec(1, 3, 1, 1, Duration.ofMillis(500),
            Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(1), Duration.ofMillis(100));
    static final AutoscalingSpec SLEEPER = new AutoscalingSpec(0, 1, 1, 1, Duration.ofMillis(500),
            Duration.ofSeconds(60), Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(1), Duration.ofMillis(100));

    private static final Dispatcher<Object> WORKER_DISPATCHER = (target, method, args) -> {
        Thread.sleep(40); // a model's worth of work
        return "done:" + args[0];
    };
    private static final Dispatcher<Object> SLEEPER_DISPATCHER = (target, method, args) -> "awake:" + args[0];

    @Override
    public String name() {
        return "scaled-test";
    }

    @Override
    public String ingress() {
        return "Worker";
    }

    @Override
    public List<DeploymentNode<?>> nodes() {
        return List.of(
                new DeploymentNode<>("Sleeper", DeploymentSpec.autoscaled(SLEEPER, 4, -1, new ResourceSpec(0.25, 0, 0),
                        HealthSpec.DEFAULT), List.of(), context -> new Object(), SLEEPER_DISPATCHER, StringWire.of(WAKE)),
                new DeploymentNode<>("Worker", DeploymentSpec.autoscaled(WORKER, 1, -1, new ResourceSpec(0.25, 0, 0),
                        HealthSpec.DEFAULT), List.of(), context -> new Object(), WORKER_DISPATCHER, StringWire.of(WORK)));
    }

    @Override
    public List<IngressRoute> routes() {
        return List.of();
    }

    @Override
    public String manifestResource() {
        return "META-INF/trellis/scaled-test.yaml";
    }
}
