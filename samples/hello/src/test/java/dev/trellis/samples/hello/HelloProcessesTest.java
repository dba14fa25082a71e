package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.server.TrellisApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hello sample in the {@code processes} topology: every replica is its own JVM, calls cross real
 * sockets over gRPC, and a replica killed with SIGKILL is replaced.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelloProcessesTest {

    private static final int LOAD_CLIENTS = 8;

    private static TrellisApplication app;
    private static HelloIngressHandle ingress;

    @BeforeAll
    static void start() {
        app = TrellisApplication.builder(Applications.find("hello")).topology(Topology.PROCESSES).start();
        ingress = new HelloIngressHandle(app.ingress());
    }

    @AfterAll
    static void stop() {
        List<Long> pids = new ArrayList<>();
        for (String deployment : List.of("Greeter", "Shouter", "HelloIngress")) {
            pids.addAll(app.replicaPids(deployment));
        }
        app.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "replica process " + pid + " is gone after close");
        }
    }

    @Test
    @Order(1)
    void everyReplicaRunsInItsOwnProcess() {
        assertEquals(2, app.replicaPids("Greeter").size());
        assertEquals(1, app.replicaPids("Shouter").size());
        assertEquals(2, app.replicaPids("HelloIngress").size());
        assertFalse(app.replicaPids("Greeter").contains(ProcessHandle.current().pid()));
    }

    @Test
    @Order(2)
    void aCallCrossesThreeProcesses() {
        HelloReply reply = ingress.hello(new HelloRequest("Ada")).join();

        assertEquals("Hello, Ada! ADA!!!", reply.message());
        assertEquals(List.of(new HelloReply.Part("Greeter", "Hello, Ada!"), new HelloReply.Part("Shouter", "ADA!!!")),
                reply.parts());
    }

    /**
     * SIGKILL a Greeter replica while clients keep calling: the calls it had received, and those on
     * their way to it, run again on the other Greeter ({@code greet} is {@code @Idempotent}), so no client
     * sees a failure; the controller starts a replacement.
     */
    @Test
    @Order(3)
    void aReplicaKilledUnderLoadFailsNoRequestAndIsReplaced() throws Exception {
        List<Long> before = app.replicaPids("Greeter");
        long victim = before.get(0);
        AtomicBoolean loadRuns = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int client = 0; client < LOAD_CLIENTS; client++) {
            String name = "c" + client;
            clients.add(Thread.ofPlatform().name("load-" + name).start(() -> {
                for (int i = 0; loadRuns.get(); i++) {
                    try {
                        String message = ingress.hello(new HelloRequest(name + "-" + i)).join().message();
                        if (message.startsWith("Hello, " + name + "-" + i + "!")) {
                            succeeded.incrementAndGet();
                        } else {
                            failures.add(new AssertionError("wrong answer: " + message));
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }));
        }
        awaitSuccesses(succeeded, 200); // the load is running
        int beforeKill = succeeded.get();

        ProcessHandle victimProcess = ProcessHandle.of(victim).orElseThrow();
        victimProcess.destroyForcibly();
        victimProcess.onExit().get(30, TimeUnit.SECONDS);
        awaitSuccesses(succeeded, beforeKill + 500); // and goes on without the victim

        List<Long> after = awaitReplicas("Greeter", 2, victim);
        awaitSuccesses(succeeded, succeeded.get() + 200); // and with its replacement
        loadRuns.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(60));
        }

        assertEquals(List.of(), failures, "requests failed while a replica was killed");
        assertEquals(2, after.size(), "the replica count was restored");
        assertFalse(after.contains(victim));
        assertNotEquals(before, after);
    }

    private static void awaitSuccesses(AtomicInteger succeeded, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (succeeded.get() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "the load stalled at " + succeeded.get() + " requests");
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static List<Long> awaitReplicas(String deployment, int count, long gone) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> pids = app.replicaPids(deployment);
        while ((pids.size() < count || pids.contains(gone)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            pids = app.replicaPids(deployment);
        }
        return pids;
    }

    /**
     * A new greeting and new limits reach the running replica processes (the Greeter's {@code @Reconfigure}
     * over the control protocol; the limits to the Greeter's own routers and to its callers', in the ingress
     * processes): the same processes answer with them.
     */
    @Test
    @Order(4)
    void aNewConfigurationAndNewLimitsChangeTheRunningProcessesInPlace() throws Exception {
        List<Long> before = awaitReplicas("Greeter", 2, -1);
        List<dev.trellis.runtime.control.TargetChange> changes = app.apply(dev.trellis.runtime.config.ApplicationTarget
                .builder(app.target().graph()).deploymentYaml(dev.trellis.runtime.config.DeploymentYaml.parse("""
                        applications:
                          - name: hello
                            deployments:
                              - name: Greeter
                                config: { greeting: Hej }
                                maxOngoingRequests: 3
                                maxQueuedRequests: 50
                        """, "update")).build());

        dev.trellis.runtime.control.TargetChange greeter = changes.stream()
                .filter(change -> change.deployment().equals("Greeter")).findFirst().orElseThrow();
        assertEquals(dev.trellis.runtime.control.TargetChange.Kind.IN_PLACE, greeter.kind(), greeter.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allGreetWith("Hej, Ada!")) {
            assertTrue(System.nanoTime() < deadline, "the running Greeters never took the new greeting");
            Thread.sleep(50);
        }
        assertEquals(before, app.replicaPids("Greeter"), "the same processes answer");
        assertEquals(3, app.controller().router("Greeter").maxOngoingRequests());
    }

    /** Whether enough calls in a row all come back with {@code greeting}: both replicas took it. */
    private static boolean allGreetWith(String greeting) {
        for (int call = 0; call < 20; call++) {
            if (!ingress.hello(new HelloRequest("Ada")).join().parts().get(0).text().equals(greeting)) {
                return false;
            }
        }
        return true;
    }
}
