package dev.trellis.runtime.topology.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.NodeResources;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a replica learns of its resources at construction, and its end: replicas asking for half a GPU
 * are placed two to a device, the ONNX settings follow the hints, replicas that do not fit stop the start
 * with a reason, and an instance holding resources is closed when the application stops.
 */
class ReplicaResourcesTest {

    /** Records what its constructor was told, and whether it was closed. */
    static final class Model implements AutoCloseable {
        final OnnxSettings settings;
        volatile boolean closed;

        Model(OnnxSettings settings) {
            this.settings = settings;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final Dispatcher<Model> DISPATCHER = (target, method, args) -> target.settings.toString();

    private final List<Model> built = new CopyOnWriteArrayList<>();

    private TestGraph graph(int replicas) {
        DeploymentNode<Model> node = new DeploymentNode<>("Model", new DeploymentSpec(replicas, 1, -1,
                new ResourceSpec(2.5, 0.5, 0)), List.of(), context -> {
                    Model model = new Model(OnnxSettings.forReplica(context));
                    built.add(model);
                    return model;
                }, DISPATCHER, LocalOnlyWire.INSTANCE);
        return new TestGraph(List.of(node));
    }

    @Test
    void halfGpuReplicasShareADeviceTheirThreadsFollowTheHintsAndAllAreClosedAtTheEnd() {
        TrellisApplication app = TrellisApplication.builder(graph(2)).node(NodeResources.of(8, 1024, 1)).start();
        assertEquals(List.of(OptionalInt.of(0), OptionalInt.of(0)),
                built.stream().map(model -> model.settings.cudaDevice()).toList(), "two share device 0");
        assertEquals(List.of(3, 3), built.stream().map(model -> model.settings.intraOpThreads()).toList());
        assertEquals("cpu 2.5, gpu 0 (0.5)", app.status().deployment("Model").replicas().get(0).placement());

        app.close();

        assertTrue(built.stream().allMatch(model -> model.closed), "every instance was closed");
    }

    @Test
    void aStartWhoseReplicasDoNotFitFailsSayingWhatIsMissing() {
        ApplicationStartException refused = assertThrows(ApplicationStartException.class,
                () -> TrellisApplication.builder(graph(3)).node(NodeResources.of(8, 1024, 1)).start());

        assertEquals("Model", refused.deployment());
        assertTrue(refused.getMessage().contains("replica Model-2 needs 0.5 GPU, 0.0 free on gpu 0"), refused.getMessage());
        assertTrue(built.stream().allMatch(model -> model.closed), "the two that started were closed again");
    }

    @Test
    void onANodeWithoutGpusTheyRunOnTheCpu() {
        try (TrellisApplication app = TrellisApplication.builder(graph(3)).node(NodeResources.of(8, 1024, 0)).start()) {
            assertEquals(List.of(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()),
                    built.stream().map(model -> model.settings.cudaDevice()).toList());
            assertEquals("cpu 2.5, no gpu (cpu fallback)", app.status().deployment("Model").replicas().get(0).placement());
        }
    }
}
