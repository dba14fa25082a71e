package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller checks replica processes, replaces one that fails its check three times in a row, and
 * reports the deployment unhealthy until a replacement passes its checks.
 */
class HealthChecksTest {

    @Test
    void aReplicaThatStaysUnhealthyIsReplacedAndAHealthyOneIsKept(@TempDir Path directory) throws Exception {
        Path marker = directory.resolve("unhealthy");
        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-D" + HealthApplication.MARKER_PROPERTY + "=" + marker,
                        "-XX:TieredStopAtLevel=1"))
                .start()) {
            long healthy = app.replicaPids("Pinger").get(0);
            assertEquals("pong:a", app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join());

            // Several periods pass while healthy: the replica stays.
            waitFor(Duration.ofMillis(1_000));
            assertEquals(List.of(healthy), app.replicaPids("Pinger"));

            Files.createFile(marker);
            // Replaced: it leaves rotation; replacements fail their first check while the marker is there.
            await(app, pids -> !pids.contains(healthy));
            assertTrue(app.controller().awaitStatus(status -> status.deployment("Pinger").health()
                    == DeploymentStatus.Health.UNHEALTHY, Duration.ofSeconds(60)), "three failures in a row: unhealthy");
            assertFalse(app.status().ready());
            Files.delete(marker);
            List<Long> now = await(app, pids -> !pids.isEmpty());

            assertEquals(1, now.size());
            assertNotEquals(healthy, now.get(0));
            assertEquals("pong:b", app.ingress().call(HealthApplication.PING, new Object[] {"b"}).join());
        }
    }

    private static List<Long> await(TrellisApplication app, java.util.function.Predicate<List<Long>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> pids = app.replicaPids("Pinger");
        while (!condition.test(pids)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; running replicas: " + pids + ", status: " + app.status());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            pids = app.replicaPids("Pinger");
        }
        return pids;
    }

    private static void waitFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }
}
