package dev.trellis.runtime.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller checks replica processes and replaces one that fails its check three times in a row. */
class HealthChecksTest {

    @Test
    void aReplicaThatStaysUnhealthyIsReplacedAndAHealthyOneIsKept(@TempDir Path directory) throws Exception {
        Path marker = directory.resolve("unhealthy");
        try (ProcessApplication app = ProcessApplication.start(new HealthApplication(),
                List.of("-D" + HealthApplication.MARKER_PROPERTY + "=" + marker, "-XX:TieredStopAtLevel=1"),
                Duration.ofSeconds(60))) {
            long healthy = app.replicaPids("Pinger").get(0);
            assertEquals("pong:a", app.ingress().call(HealthApplication.PING, new Object[] {"a"}).join());

            // Several periods pass while healthy: the replica stays.
            waitFor(Duration.ofMillis(1_000));
            assertEquals(List.of(healthy), app.replicaPids("Pinger"));

            Files.createFile(marker);
            List<Long> now = awaitReplacement(app, healthy);
            Files.delete(marker);

            assertEquals(1, now.size());
            assertNotEquals(healthy, now.get(0));
            assertEquals("pong:b", app.ingress().call(HealthApplication.PING, new Object[] {"b"}).join());
        }
    }

    private static List<Long> awaitReplacement(ProcessApplication app, long old) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Long> pids = app.replicaPids("Pinger");
        while ((pids.isEmpty() || pids.contains(old)) && System.nanoTime() < deadline) {
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
