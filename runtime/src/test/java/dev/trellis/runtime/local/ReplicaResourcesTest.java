package dev.trellis.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.spi.DeploymentNode;
import dev.trellis.runtime.spi.DeploymentSpec;
import dev.trellis.runtime.spi.Dispatcher;
import dev.trellis.runtime.spi.ResourceSpec;
import dev.trellis.runtime.testapp.LocalOnlyWire;
import dev.trellis.runtime.testapp.TestGraph;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a replica learns of its resources at construction, and its end: replicas asking for half a GPU
 * are placed two to a device, the ONNX settings follow the hints, and an instance holding resources is
 * closed when the application stops.
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

    @Test
    void halfGpuReplicasShareADeviceTheRestRunOnTheCpuAndAllAreClosedAtTheEnd() {
        List<Model> built = new CopyOnWriteArrayList<>();
        DeploymentNode<Model> node = new DeploymentNode<>("Model", new DeploymentSpec(3, 1, -1,
                new ResourceSpec(2.5, 0.5, 0)), List.of(), context -> {
                    Model model = new Model(OnnxSettings.forReplica(context));
                    built.add(model);
                    return model;
                }, DISPATCHER, LocalOnlyWire.INSTANCE);

        LocalApplication app = LocalApplication.builder(new TestGraph(List.of(node)))
                .gpuPlacement(new GpuPlacement(1))
                .start();
        assertEquals(List.of(OptionalInt.of(0), OptionalInt.of(0), OptionalInt.empty()),
                built.stream().map(model -> model.settings.cudaDevice()).toList(),
                "two share device 0; the third finds no room and runs on the CPU");
        assertEquals(List.of(3, 3, 3), built.stream().map(model -> model.settings.intraOpThreads()).toList());

        app.close();

        assertTrue(built.stream().allMatch(model -> model.closed), "every instance was closed");
    }
}
