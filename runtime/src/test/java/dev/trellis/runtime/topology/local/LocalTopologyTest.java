package dev.trellis.runtime.topology.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.Greeter;
import dev.trellis.runtime.testapp.GreeterHandle;
import dev.trellis.runtime.testapp.HelloApplication;
import dev.trellis.runtime.testapp.HelloIngress;
import dev.trellis.runtime.testapp.HelloIngressHandle;
import dev.trellis.runtime.testapp.HelloReply;
import dev.trellis.runtime.testapp.HelloRequest;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.Shouter;
import dev.trellis.runtime.testapp.ShouterHandle;
import dev.trellis.runtime.testapp.TestApps;
import dev.trellis.runtime.testapp.TestGraph;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalTopologyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DeploymentSpec ONE_REPLICA = new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0));

    @Test
    void buildsEveryReplicaDependenciesFirstAndCallsFlowThroughTheHandles() throws Exception {
        AtomicInteger greetersBuilt = new AtomicInteger();
        Gate gate = new Gate();
        ApplicationGraph graph = new TestGraph(List.of(
                new DeploymentNode<>("Greeter", new DeploymentSpec(3, 5, -1, new ResourceSpec(1, 0, 0)), List.of(),
                        channels -> {
                            greetersBuilt.incrementAndGet();
                            return new Greeter();
                        }, GreeterHandle.DISPATCHER, LocalOnlyWire.INSTANCE),
                shouter(),
                ingress(gate)));

        try (TrellisApplication app = TestApps.start(graph)) {
            HelloReply reply = new HelloIngressHandle(app.ingress()).hello(new HelloRequest("Ada")).get(TIMEOUT);

            assertEquals(new HelloReply("Hello, Ada!", "ADA!"), reply);
            assertEquals(3, greetersBuilt.get());
            assertEquals("Hello, Bo!", new GreeterHandle(app.channel("Greeter")).greet("Bo").get(TIMEOUT));
        }
    }

    @Test
    void aChannelToAnUnknownDeploymentIsRefusedByName() {
        try (TrellisApplication app = TestApps.start(new HelloApplication())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> app.channel("Nope"));

            assertTrue(e.getMessage().contains("'Nope'"), e.getMessage());
            assertTrue(e.getMessage().contains("'hello'"), e.getMessage());
        }
    }

    @Test
    void aDeploymentThatNeedsOneNotStartedBeforeItFailsTheStart() {
        ApplicationGraph graph = new TestGraph(List.of(shouter(), ingress(new Gate())));

        ApplicationStartException e = assertThrows(ApplicationStartException.class, () -> TestApps.start(graph));

        assertEquals("HelloIngress", e.deployment());
        assertTrue(e.getMessage().contains("'Greeter'"), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void aThrowingConstructorFailsTheStartByNameAndStopsWhatHadStarted() {
        IllegalStateException noModel = new IllegalStateException("no model");
        AtomicReference<DeploymentChannel> greeterChannel = new AtomicReference<>();
        DeploymentNode<Object> broken = new DeploymentNode<>("Broken", ONE_REPLICA, List.of("Greeter"), channels -> {
            greeterChannel.set(channels.channel("Greeter"));
            throw noModel;
        }, (target, method, args) -> null, LocalOnlyWire.INSTANCE);
        ApplicationGraph graph = new TestGraph(List.of(greeter(), broken));

        ApplicationStartException e = assertThrows(ApplicationStartException.class, () -> TestApps.start(graph));

        assertEquals("Broken", e.deployment());
        assertEquals("test", e.application());
        assertTrue(e.getMessage().contains("'Broken'") && e.getMessage().contains("IllegalStateException: no model"),
                e.getMessage());
        assertSame(noModel, e.getCause());
        assertNotNull(greeterChannel.get());
        DeploymentResponse<String> afterFailure = new GreeterHandle(greeterChannel.get()).greet("x");
        assertThrows(ApplicationClosedException.class, afterFailure::join, "the Greeter that had started was stopped");
    }

    @Test
    void closeRefusesNewCallsAndLetsRunningOnesFinishWithTheirDependencies() throws Exception {
        Gate gate = new Gate();
        DeploymentSpec oneAtATime = new DeploymentSpec(1, 1, -1, new ResourceSpec(1, 0, 0));
        TrellisApplication app = TestApps.start(new HelloApplication(oneAtATime, gate));
        HelloIngressHandle ingress = new HelloIngressHandle(app.ingress());
        DeploymentResponse<HelloReply> running = ingress.hello(new HelloRequest("wait"));
        assertTrue(gate.awaitEntered());
        DeploymentResponse<HelloReply> waiting = ingress.hello(new HelloRequest("Bob"));

        Thread closer = Thread.ofPlatform().name("closer").start(app::close);

        assertThrows(ApplicationClosedException.class, () -> waiting.get(TIMEOUT), "close has begun");
        ApplicationClosedException refusal = assertThrows(ApplicationClosedException.class,
                () -> ingress.hello(new HelloRequest("late")).join());
        assertTrue(refusal.getMessage().contains("application is shutting down"), refusal.getMessage());
        gate.open();
        assertEquals(new HelloReply("Hello, wait!", "WAIT!"), running.get(TIMEOUT));
        assertTrue(closer.join(TIMEOUT), "close returned");
        assertFalse(closer.isAlive());
        assertThrows(ApplicationClosedException.class, () -> new GreeterHandle(app.channel("Greeter")).greet("x").join());
    }

    private static DeploymentNode<Greeter> greeter() {
        return new DeploymentNode<>("Greeter", ONE_REPLICA, List.of(), channels -> new Greeter(),
                GreeterHandle.DISPATCHER, LocalOnlyWire.INSTANCE);
    }

    private static DeploymentNode<Shouter> shouter() {
        return new DeploymentNode<>("Shouter", ONE_REPLICA, List.of(), channels -> new Shouter(),
                ShouterHandle.DISPATCHER, LocalOnlyWire.INSTANCE);
    }

    private static DeploymentNode<HelloIngress> ingress(Gate gate) {
        return new DeploymentNode<>("HelloIngress", ONE_REPLICA, List.of("Greeter", "Shouter"),
                channels -> new HelloIngress(new GreeterHandle(channels.channel("Greeter")),
                        new ShouterHandle(channels.channel("Shouter")), gate),
                HelloIngressHandle.DISPATCHER, LocalOnlyWire.INSTANCE);
    }
}
