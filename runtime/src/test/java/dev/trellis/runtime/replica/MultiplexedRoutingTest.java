package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.Multiplexing;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.routing.Router;
import dev.trellis.runtime.time.RandomSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls addressed to a model go to a replica that holds it while one has room, and spill to another,
 * which loads it, when those are full. The method reads its model through {@link Multiplexing}.
 */
class MultiplexedRoutingTest {

    private static final DeploymentMethod<String> TRANSLATE = new DeploymentMethod<>("Translator", "translate", 0);

    /** A replica: answers with its name and the model it was given; "hold" waits for the test. */
    static final class Translator {
        final String name;
        final Map<String, AtomicInteger> loads;
        final CountDownLatch release;

        Translator(String name, Map<String, AtomicInteger> loads, CountDownLatch release) {
            this.name = name;
            this.loads = loads;
            this.release = release;
        }

        String translate(String text) throws InterruptedException {
            if (text.equals("hold")) {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            }
            return name + ":" + Multiplexing.modelId() + ":" + Multiplexing.model(String.class);
        }
    }

    private static final Dispatcher<Translator> DISPATCHER = new Dispatcher<>() {
        @Override
        public Object dispatch(Translator target, int method, Object[] args) throws Throwable {
            return target.translate((String) args[0]);
        }

        @Override
        public Object loadModel(Translator target, String modelId) {
            target.loads.computeIfAbsent(target.name + "/" + modelId, ignored -> new AtomicInteger()).incrementAndGet();
            return "model-" + modelId;
        }

        @Override
        public int maxModelsPerReplica() {
            return 2;
        }
    };

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private Router router;

    @AfterEach
    void stop() {
        release.countDown();
        router.awaitTermination(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    }

    private void start(int maxOngoing) {
        router = Instances.router("Translator", new DeploymentSpec(2, maxOngoing, -1, new ResourceSpec(1, 0, 0)),
                RandomSource.threadLocal());
        Instances.serve(router, new Translator("r0", loads, release), DISPATCHER);
        Instances.serve(router, new Translator("r1", loads, release), DISPATCHER);
    }

    private DeploymentResponse<String> translate(String modelId, String text) {
        return Multiplexing.addressedTo(modelId, () -> router.call(TRANSLATE, new Object[] {text}));
    }

    @Test
    void callsForAModelStayOnTheReplicaThatLoadedIt() {
        start(4);
        String first = translate("en-fr", "a").join();
        String replica = first.substring(0, 2);

        for (int i = 0; i < 20; i++) {
            assertEquals(replica + ":en-fr:model-en-fr", translate("en-fr", "t" + i).join());
        }
        assertEquals(1, loads.get(replica + "/en-fr").get(), "loaded once");
        assertEquals(1, loads.size());
    }

    @Test
    void whenTheReplicasHoldingAModelAreFullTheCallSpillsToAnotherThatLoadsIt() throws Exception {
        start(1);
        DeploymentResponse<String> held = translate("en-fr", "hold"); // takes the only slot of its replica
        awaitLoads(1);
        String holder = loads.keySet().iterator().next().substring(0, 2);

        String spilled = translate("en-fr", "b").join();

        assertNotEquals(holder, spilled.substring(0, 2));
        assertEquals(2, loads.size(), "the other replica loaded en-fr too");
        release.countDown();
        assertTrue(held.join().endsWith(":en-fr:model-en-fr"));
    }

    @Test
    void aDeploymentThatLoadsNoModelsCanStillReadTheIdItWasCalledFor() {
        router = Instances.router("Front", new DeploymentSpec(1, 2, -1, new ResourceSpec(1, 0, 0)), RandomSource.threadLocal());
        Instances.serve(router, new Object(), (target, method, args) -> "called for " + Multiplexing.modelId());

        assertEquals("called for en-fr", Multiplexing.addressedTo("en-fr",
                () -> router.call(new DeploymentMethod<String>("Front", "route", 0), new Object[0])).join());
        assertEquals(null, Multiplexing.addressedTo("en-fr", () -> Multiplexing.addressedTo(null,
                Multiplexing::outgoingModelId)), "a call for no model inside one for a model is for no model");
    }

    @Test
    void aCallWithoutAModelIdReadingTheModelFailsWithAClearMessage() {
        start(2);

        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> router.call(TRANSLATE, new Object[] {"x"}).join());

        assertTrue(failure.getMessage().contains("This call names no model"), failure.getMessage());
    }

    private void awaitLoads(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (loads.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, loads.size(), "loads: " + List.copyOf(loads.keySet()));
    }
}
