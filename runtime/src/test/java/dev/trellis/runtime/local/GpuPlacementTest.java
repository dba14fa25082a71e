package dev.trellis.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GpuPlacementTest {

    @Test
    void twoHalfSharesShareADeviceAndAThirdTakesTheNext() {
        GpuPlacement placement = new GpuPlacement(2);

        assertEquals(OptionalInt.of(0), placement.place(0.5));
        assertEquals(OptionalInt.of(0), placement.place(0.5));
        assertEquals(OptionalInt.of(1), placement.place(0.5));
        assertEquals(0.5, placement.free(1), 1e-9);
    }

    @Test
    void theWarningSaysWhetherTheMachineHasNoGpuOrNoRoom() {
        assertEquals(OptionalInt.empty(), new GpuPlacement(0).place(0.5));
        org.junit.jupiter.api.Assertions.assertTrue(new GpuPlacement(0).whyNoDevice().startsWith("this machine has no GPU"));
        assertEquals("none of its 2 GPUs has that much room left", new GpuPlacement(2).whyNoDevice());
    }

    @Test
    void aWholeGpuNeedsAFreeDeviceAndMoreThanOneTakesOne() {
        GpuPlacement placement = new GpuPlacement(2);
        placement.place(0.25);

        assertEquals(OptionalInt.of(1), placement.place(1.0));
        assertEquals(OptionalInt.empty(), placement.place(2.0), "no device is free any more");
    }

    @Test
    void noRoomOrNoAskGetsNoDeviceAndReleasedSharesCanBeTakenAgain() {
        GpuPlacement placement = new GpuPlacement(1);
        OptionalInt first = placement.place(0.75);

        assertEquals(OptionalInt.empty(), placement.place(0.5));
        assertEquals(OptionalInt.empty(), placement.place(0));
        placement.release(first, 0.75);
        assertEquals(OptionalInt.of(0), placement.place(0.5));
    }

    @Test
    void aMachineWithoutGpusPlacesNothing() {
        assertEquals(OptionalInt.empty(), new GpuPlacement(0).place(0.5));
    }
}
