package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.Applications;
import dev.trellis.runtime.process.ProcessApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private static ProcessApplication app;
    private static HelloIngressHandle ingress;

    @BeforeAll
    static void start() {
        app = ProcessApplication.start(Applications.find("hello"));
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

    @Test
    @Order(3)
    void aKilledReplicaIsReplacedAndCallsGoOn() {
        List<Long> before = app.replicaPids("Greeter");
        long victim = before.get(0);

        ProcessHandle.of(victim).orElseThrow().destroyForcibly();

        for (int i = 0; i < 20; i++) {
            assertEquals("Hello, n" + i + "! N" + i + "!!!", ingress.hello(new HelloRequest("n" + i)).join().message());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> after = app.replicaPids("Greeter");
        while ((after.size() < 2 || after.contains(victim)) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            after = app.replicaPids("Greeter");
        }
        assertEquals(2, after.size(), "the replica count was restored");
        assertFalse(after.contains(victim));
        assertNotEquals(before, after);
        assertTrue(ingress.hello(new HelloRequest("after")).join().message().startsWith("Hello, after!"));
    }
}
