package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentStream;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.flow.ItemBuffer;
import dev.trellis.runtime.testapp.Gate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streaming methods, read through a handle's channel in the same JVM ("local") and from another process
 * over gRPC server streaming ("remote"): items arrive as they are produced, the reader's cancel and the
 * deadline stop the producer, a failure arrives after the items before it, and the call keeps its
 * replica slot until its stream ends.
 */
class StreamingTest {

    private static final long WAIT_SECONDS = 30;

    private final Gate gate = new Gate();
    private final Echo.Ticks ticks = new Echo.Ticks();
    private EchoReplica echo;

    @BeforeEach
    void start() {
        // One slot and a queue of one: a second call waits while a stream is open.
        echo = EchoReplica.start(() -> new Echo(gate, ticks));
    }

    @AfterEach
    void stop() {
        gate.open();
        ticks.permits.release(1000);
        echo.close();
    }

    private DeploymentChannel channel(String where) {
        return where.equals("local") ? echo.app().channel("Echo") : echo.remote();
    }

    private static DeploymentStream<String> open(DeploymentChannel channel, dev.trellis.runtime.DeploymentMethod<String> method,
            String argument) {
        return DeploymentStream.of(channel.call(method, new Object[] {argument}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void everyItemArrivesInOrder(String where) {
        try (DeploymentStream<String> letters = open(channel(where), Echo.SPELL, "héllo 😀")) {
            assertEquals(List.of("h", "é", "l", "l", "o", " ", "😀"), letters.stream().toList());
            assertFalse(letters.hasNext());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void eachItemArrivesBeforeTheNextIsProduced(String where) {
        try (DeploymentStream<String> tick = open(channel(where), Echo.TICK, "t")) {
            for (int i = 0; i < 3; i++) {
                ticks.permits.release(); // allows exactly one more item
                assertEquals("t" + i, tick.next());
                assertEquals(i + 1, ticks.produced.get(), "the item came before the producer made another");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void cancellingTheStreamStopsTheProducer(String where) throws Exception {
        DeploymentStream<String> tick = open(channel(where), Echo.TICK, "t");
        ticks.permits.release(2);
        assertEquals("t0", tick.next());
        assertEquals("t1", tick.next());

        tick.cancel(); // the producer is waiting for its third permit

        assertTrue(ticks.interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the producer was interrupted");
        assertTrue(ticks.closed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the user's stream was closed");
        assertFalse(tick.hasNext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void theDeadlineStopsTheProducerAndTheReaderSeesATimeout(String where) throws Exception {
        DeploymentStream<String> tick = CallContext.withTimeout(Duration.ofMillis(500))
                .run(() -> open(channel(where), Echo.TICK, "t"));
        ticks.permits.release();
        assertEquals("t0", tick.next());

        DeploymentException late = assertThrows(DeploymentException.class, tick::hasNext);

        assertInstanceOf(DeploymentTimeoutException.class, late, late.toString());
        assertTrue(ticks.interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the producer was interrupted");
        assertTrue(ticks.closed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the user's stream was closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void aFailureArrivesAfterTheItemsProducedBeforeIt(String where) {
        DeploymentStream<String> broken = open(channel(where), Echo.BREAK, "disk on fire");

        assertEquals("a", broken.next());
        assertEquals("b", broken.next());
        DeploymentException failure = assertThrows(DeploymentException.class, broken::hasNext);
        assertTrue(failure.getMessage().contains("disk on fire"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Echo.break"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "remote"})
    void anOpenStreamKeepsItsReplicaSlotUntilItEnds(String where) throws Exception {
        DeploymentChannel channel = channel(where);
        DeploymentStream<String> tick = open(channel, Echo.TICK, "t");
        ticks.permits.release();
        assertEquals("t0", tick.next());

        DeploymentResponse<String> queued = channel.call(Echo.ECHO, new Object[] {"after"});
        Thread.sleep(200); // were the slot free, the echo would have answered by now
        assertFalse(queued.isDone(), "the echo waits for the only slot");

        tick.cancel();
        assertEquals("after", queued.get(Duration.ofSeconds(WAIT_SECONDS)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local"})
    void aReaderThatFallsBehindHoldsTheProducerBack(String where) throws Exception {
        try (DeploymentStream<String> tick = open(channel(where), Echo.TICK, "t")) {
            ticks.permits.release(1000);
            assertEquals("t0", tick.next());
            Thread.sleep(300); // time for an unbounded producer to run far ahead
            // The buffer, plus the item read, plus the one the producer holds while it waits for room.
            assertTrue(ticks.produced.get() <= ItemBuffer.DEFAULT_CAPACITY + 2, "produced " + ticks.produced.get());
        }
    }
}
