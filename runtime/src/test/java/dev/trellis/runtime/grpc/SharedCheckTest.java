package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A flood of probes of the open health service runs the user's check once, not once each. */
class SharedCheckTest {

    @Test
    void callersWhileACheckRunsShareItAndTheNextSecondReusesIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SharedCheck check = new SharedCheck(timeout -> {
            runs.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("model missing");
        });
        List<Thread> probes = new ArrayList<>();
        List<Optional<String>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            probes.add(Thread.ofVirtual().start(() -> answers.add(check.apply(Duration.ofSeconds(5)))));
        }
        while (runs.get() == 0) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // the other probes arrive while it runs
        release.countDown();
        for (Thread probe : probes) {
            probe.join(Duration.ofSeconds(10));
        }

        assertEquals(1, runs.get(), "one check for fifty probes");
        assertEquals(50, answers.size());
        assertTrue(answers.stream().allMatch(answer -> answer.equals(Optional.of("model missing"))), answers.toString());
        assertEquals(Optional.of("model missing"), check.apply(Duration.ofSeconds(5)));
        assertEquals(1, runs.get(), "a result answers for a second");
    }
}
