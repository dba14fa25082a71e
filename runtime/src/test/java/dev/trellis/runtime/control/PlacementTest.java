package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.config.NodeResources;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Packing replicas onto a node by their hints: CPUs, memory and GPU shares, never overcommitted. */
class PlacementTest {

    private static ResourceSpec gpus(double share) {
        return new ResourceSpec(0, share, 0);
    }

    @Test
    void twoHalfSharesShareADeviceAndAThirdTakesTheNext() {
        Placement placement = new Placement(NodeResources.of(8, 1024, 2));

        assertEquals(OptionalInt.of(0), placement.reserve(gpus(0.5)).orElseThrow().gpuDevice());
        assertEquals(OptionalInt.of(0), placement.reserve(gpus(0.5)).orElseThrow().gpuDevice());
        assertEquals(OptionalInt.of(1), placement.reserve(gpus(0.5)).orElseThrow().gpuDevice());
        assertEquals(0.5, ((java.util.Map<?, ?>) placement.free().get("gpus")).get("1"));
    }

    @Test
    void aReplicaThatDoesNotFitSaysWhatIsMissing() {
        Placement placement = new Placement(NodeResources.of(8, 1024, 1));
        placement.reserve(gpus(0.5));

        assertEquals(Optional.of("needs 1.0 GPU, 0.5 free on gpu 0"), placement.whyNot(gpus(1.0)));
        assertEquals(Optional.empty(), placement.reserve(gpus(1.0)));
        assertEquals(Optional.of("needs 9.0 CPU, 8.0 free of 8.0"), placement.whyNot(new ResourceSpec(9, 0, 0)));
        assertEquals(Optional.of("needs 2048 MiB of memory, 1024 MiB free of 1024"),
                placement.whyNot(new ResourceSpec(1, 0, 2048)));
    }

    @Test
    void cpusAndMemoryAreNeverOvercommittedAndComeBackWhenReleased() {
        Placement placement = new Placement(NodeResources.of(2, 1024, 0));
        ResourceSpec half = new ResourceSpec(0.5, 0, 256);
        List<Placement.Assignment> placed = List.of(placement.reserve(half).orElseThrow(),
                placement.reserve(half).orElseThrow(), placement.reserve(half).orElseThrow(),
                placement.reserve(half).orElseThrow());

        assertTrue(placement.whyNot(half).isPresent(), "2 CPUs and 1 GiB hold four such replicas, not five");
        placement.release(placed.get(0));
        assertTrue(placement.reserve(half).isPresent());
    }

    @Test
    void aWholeGpuNeedsAFreeDeviceAndMoreThanOneTakesOne() {
        Placement placement = new Placement(NodeResources.of(8, 1024, 2));
        placement.reserve(gpus(0.25));

        assertEquals(OptionalInt.of(1), placement.reserve(gpus(1.0)).orElseThrow().gpuDevice());
        assertEquals(Optional.empty(), placement.reserve(gpus(2.0)), "no device is free any more");
    }

    @Test
    void releasedSharesCanBeTakenAgain() {
        Placement placement = new Placement(NodeResources.of(8, 1024, 1));
        Placement.Assignment first = placement.reserve(gpus(0.75)).orElseThrow();

        assertFalse(placement.reserve(gpus(0.5)).isPresent());
        placement.release(first);
        assertEquals(OptionalInt.of(0), placement.reserve(gpus(0.5)).orElseThrow().gpuDevice());
    }

    @Test
    void aNodeWithoutGpusRunsGpuReplicasOnTheCpu() {
        Placement placement = new Placement(NodeResources.of(8, 1024, 0));

        Placement.Assignment assignment = placement.reserve(gpus(0.5)).orElseThrow();

        assertEquals(OptionalInt.empty(), assignment.gpuDevice());
        assertTrue(placement.cpuOnly());
        assertEquals("cpu 0.0, no gpu (cpu fallback)", assignment.describe());
    }
}
