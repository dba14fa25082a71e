package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Autoscaling end to end with a JVM per replica: a load step scales a deployment up, idling scales it
 * back down, an idle deployment scales to zero and one call wakes it again; no request fails throughout.
 */
class AutoscalingProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aLoadStepScalesUpIdlingScalesDownAndToZeroAndNoRequestFails() throws Exception {
        try (TrellisApplication app = TestApps.builder(new ScaledApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")).start()) {
            await(app, status -> status.deployment("Sleeper").targetReplicas() == 0
                    && status.deployment("Sleeper").replicas().isEmpty());

            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < 6; client++) {
                String name = "client-" + client;
                clients.add(Thread.ofVirtual().name(name).start(() -> {
                    while (loading.get()) {
                        try {
                            if (app.channel("Worker").call(ScaledApplication.WORK, new Object[] {name}).join()
                                    .equals("done:" + name)) {
                                answered.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            await(app, status -> status.deployment("Worker").running() >= 2);
            int scaledTo = app.status().deployment("Worker").targetReplicas();
            loading.set(false);
            for (Thread client : clients) {
                client.join(WAIT);
            }
            await(app, status -> status.deployment("Worker").targetReplicas() == 1
                    && status.deployment("Worker").replicas().size() == 1);

            assertEquals("awake:x", app.channel("Sleeper").call(ScaledApplication.WAKE, new Object[] {"x"})
                    .get(WAIT), "a call to a deployment at zero waits for a cold start");
            assertEquals(1, app.status().deployment("Sleeper").running());
            assertTrue(scaledTo >= 2 && scaledTo <= 3, "scaled to " + scaledTo);
            assertTrue(answered.get() > 0);
            assertEquals(List.of(), List.copyOf(failures), "no request failed while replicas came and went");
            DeploymentStatus worker = app.status().deployment("Worker");
            assertEquals(DeploymentStatus.Health.HEALTHY, worker.health(), worker.message());
        }
    }

    private static void await(TrellisApplication app, Predicate<ApplicationStatus> condition) throws Exception {
        assertTrue(app.controller().awaitStatus(condition, WAIT), "timed out; status: " + app.status());
    }
}
