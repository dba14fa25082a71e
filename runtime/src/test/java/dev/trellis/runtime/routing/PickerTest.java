package dev.trellis.runtime.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.time.ScriptedRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickerTest {

    private int replicasMade;

    @Test
    void anEmptyReplicaSetPicksNone() {
        Picker picker = new Picker(List.of(), ScriptedRandom.of());

        assertFalse(picker.pick().hasReplica());
    }

    @Test
    void aSingleReplicaWithRoomIsPickedWithoutDrawingRandomValues() {
        Replica only = replica(2, 1);

        PickResult result = new Picker(List.of(only), ScriptedRandom.of()).pick();

        assertSame(only, result.replica());
        assertEquals(2, only.ongoing(), "the pick acquired a slot");
    }

    @Test
    void aSingleFullReplicaPicksNone() {
        Replica only = replica(2, 2);

        assertFalse(new Picker(List.of(only), ScriptedRandom.of()).pick().hasReplica());
        assertEquals(2, only.ongoing());
    }

    @Test
    void theLessLoadedOfTheTwoSampledReplicasWins() {
        List<Replica> replicas = List.of(replica(5, 3), replica(5, 0), replica(5, 1));
        // samples index 0, then 1 of the 2 others: index 2. The idle replica 1 is not sampled.
        ScriptedRandom random = ScriptedRandom.of(0, 1);

        PickResult result = new Picker(replicas, random).pick();

        assertSame(replicas.get(2), result.replica());
        assertTrue(random.exhausted());
    }

    @Test
    void aTieGoesToTheFirstSampledReplica() {
        List<Replica> replicas = List.of(replica(5, 1), replica(5, 1), replica(5, 1));

        assertSame(replicas.get(2), new Picker(replicas, ScriptedRandom.of(2, 0)).pick().replica());
        assertSame(replicas.get(0), new Picker(replicas, ScriptedRandom.of(0, 1)).pick().replica());
    }

    @Test
    void theTwoSamplesAreAlwaysDistinct() {
        List<Replica> replicas = List.of(replica(5, 4), replica(5, 2));
        // a second draw of 0 means "the first of the replicas not sampled yet", never the same one again
        assertSame(replicas.get(1), new Picker(replicas, ScriptedRandom.of(0, 0)).pick().replica());
        assertSame(replicas.get(1), new Picker(replicas, ScriptedRandom.of(1, 0)).pick().replica());
    }

    @Test
    void aFullPreferredReplicaFallsBackToTheOtherSample() {
        // replica 0 runs fewer calls but has reached its own limit
        List<Replica> replicas = List.of(replica(1, 1), replica(5, 3));

        assertSame(replicas.get(1), new Picker(replicas, ScriptedRandom.of(0, 0)).pick().replica());
        assertEquals(1, replicas.get(0).ongoing());
    }

    @Test
    void twoFullSamplesFallBackToTheLeastLoadedReplicaWithRoom() {
        List<Replica> replicas = List.of(replica(2, 2), replica(2, 2), replica(2, 1), replica(2, 0));

        assertSame(replicas.get(3), new Picker(replicas, ScriptedRandom.of(0, 0)).pick().replica());
    }

    @Test
    void allReplicasFullPicksNoneAndAcquiresNothing() {
        List<Replica> replicas = List.of(replica(2, 2), replica(2, 2), replica(2, 2));

        assertFalse(new Picker(replicas, ScriptedRandom.of(1, 1)).pick().hasReplica());
        for (Replica replica : replicas) {
            assertEquals(2, replica.ongoing());
        }
    }

    @Test
    void aFullReplicaIsNeverChosenWhateverIsSampled() {
        int[] loads = {2, 0, 2, 1, 2};
        for (int first = 0; first < loads.length; first++) {
            for (int second = 0; second < loads.length - 1; second++) {
                List<Replica> replicas = new ArrayList<>();
                for (int load : loads) {
                    replicas.add(replica(2, load));
                }

                Replica chosen = new Picker(replicas, ScriptedRandom.of(first, second)).pick().replica();

                int index = replicas.indexOf(chosen);
                assertTrue(loads[index] < 2, "picked full replica " + index + " for samples " + first + ", " + second);
                assertEquals(loads[index] + 1, chosen.ongoing());
            }
        }
    }

    @Test
    void randomValuesOutOfRangeDoNotMakePickThrow() {
        List<Replica> replicas = List.of(replica(5, 0), replica(5, 0), replica(5, 0));

        assertTrue(new Picker(replicas, ScriptedRandom.of(-7, 100)).pick().hasReplica());
    }

    /** A replica whose dispatcher is never called, with {@code ongoing} of its slots taken. */
    private Replica replica(int maxOngoing, int ongoing) {
        Replica replica = new Replica("Fake", Integer.toString(replicasMade++), NEVER_CALLED, maxOngoing, () -> { },
                (call, refused) -> { });
        for (int i = 0; i < ongoing; i++) {
            assertTrue(replica.tryAcquire());
        }
        return replica;
    }

    /** An execution a picker test never reaches: picking only acquires slots. */
    static final Execution NEVER_CALLED = new Execution() {
        @Override
        public boolean execute(Call<?> call, Runnable done) {
            throw new AssertionError("a picker does not start calls");
        }

        @Override
        public void shutdown() {}

        @Override
        public boolean awaitTermination(long deadlineNanos) {
            return true;
        }
    };
}
