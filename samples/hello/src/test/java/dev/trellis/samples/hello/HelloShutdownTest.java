package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.runtime.ApplicationClosedException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.graph.Applications;
import dev.trellis.runtime.server.TrellisApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown in the {@code processes} topology: closing the application refuses new calls at
 * once, lets a call already running in a replica process finish and deliver its answer, and leaves no
 * replica process behind.
 */
class HelloShutdownTest {

    @Test
    void closingFinishesTheRunningCallRefusesNewOnesAndLeavesNoProcess() throws Exception {
        TrellisApplication app = TrellisApplication.builder(Applications.find("hello")).topology(Topology.PROCESSES).start();
        HelloIngressHandle ingress = new HelloIngressHandle(app.ingress());
        List<Long> pids = new ArrayList<>();
        for (String deployment : List.of("Greeter", "Shouter", "HelloIngress")) {
            pids.addAll(app.replicaPids(deployment));
        }
        DeploymentResponse<String> running = ingress.pause(3_000);
        Thread.sleep(1_000); // it is in the ingress replica by now, sleeping

        Thread closing = Thread.ofVirtual().start(app::close);
        Thread.sleep(200);

        assertThrows(ApplicationClosedException.class, () -> ingress.hello(new HelloRequest("late")).join());
        assertEquals("paused 3000 ms", running.get(Duration.ofSeconds(30)));
        closing.join(Duration.ofSeconds(60));
        assertFalse(closing.isAlive(), "close returned");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "replica process " + pid + " is gone after close");
        }
    }
}
