package dev.trellis.runtime.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.time.RandomSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a picker splits calls between a deployment's own replicas and its canary's. */
class PickerCanaryTest {

    private static final Set<String> CANARY = Set.of("c0");

    private final RandomSource seeded = new Random(7)::nextInt;

    @Test
    void eachCallDrawsItsTrackSoTheCanaryTakesItsShare() {
        List<Replica> replicas = List.of(replica("s0", 1_000_000), replica("s1", 1_000_000), replica("c0", 1_000_000));
        Picker picker = new Picker(replicas, CANARY, 1_000, seeded); // 10%

        Map<String, Integer> picked = picks(picker, 20_000, null);

        double canaryShare = picked.getOrDefault("c0", 0) / 20_000.0;
        assertEquals(0.10, canaryShare, 0.01, picked.toString());
        assertTrue(picked.get("s0") > 8_000 && picked.get("s1") > 8_000, "both own replicas share the rest: " + picked);
    }

    @Test
    void noughtPercentSendsNothingToTheCanaryEvenWhenTheOwnReplicasAreFull() {
        List<Replica> replicas = List.of(replica("s0", 1), replica("c0", 5));
        Picker picker = new Picker(replicas, CANARY, 0, seeded);

        assertEquals("s0", picker.pick().replica().id());
        assertFalse(picker.pick().hasReplica(), "the call waits for the deployment's own replica");
        assertEquals(0, replicas.get(1).ongoing());
    }

    @Test
    void aHundredPercentSendsEverythingToTheCanary() {
        List<Replica> replicas = List.of(replica("s0", 100), replica("c0", 100));

        Map<String, Integer> picked = picks(new Picker(replicas, CANARY, 10_000, seeded), 50, null);

        assertEquals(Map.of("c0", 50), picked);
    }

    @Test
    void aFullTrackSpillsToTheOtherRatherThanQueue() {
        List<Replica> replicas = List.of(replica("s0", 100), replica("c0", 1));
        Picker picker = new Picker(replicas, CANARY, 5_000, seeded);

        Map<String, Integer> picked = picks(picker, 40, null);

        assertEquals(1, picked.get("c0"), "the canary's one slot: " + picked);
        assertEquals(39, picked.get("s0"));
    }

    @Test
    void anEmptyCanaryTrackTakesNothingUntilItsReplicasJoin() {
        Picker picker = new Picker(List.of(replica("s0", 100)), CANARY, 5_000, seeded);

        assertEquals(Map.of("s0", 30), picks(picker, 30, null));
    }

    @Test
    void callsForOneModelStayOnOneTrackAndModelsSplitByTheShare() {
        List<Replica> replicas = List.of(replica("s0", 1_000_000), replica("c0", 1_000_000));
        Picker picker = new Picker(replicas, CANARY, 2_500, seeded); // 25%

        int onCanary = 0;
        for (int model = 0; model < 2_000; model++) {
            Map<String, Integer> picked = picks(picker, 5, "model-" + model);
            assertEquals(1, picked.size(), "model-" + model + " went to both tracks: " + picked);
            if (picked.containsKey("c0")) {
                onCanary++;
            }
        }
        assertEquals(0.25, onCanary / 2_000.0, 0.03);
    }

    private static Map<String, Integer> picks(Picker picker, int count, String modelId) {
        Map<String, Integer> picked = new HashMap<>();
        for (int i = 0; i < count; i++) {
            PickResult result = picker.pick(modelId);
            if (result.hasReplica()) {
                picked.merge(result.replica().id(), 1, Integer::sum);
            }
        }
        return picked;
    }

    private static Replica replica(String id, int maxOngoing) {
        return new Replica("Fake", id, PickerTest.NEVER_CALLED, maxOngoing, () -> { }, (call, refused) -> { });
    }
}
