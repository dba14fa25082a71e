package dev.trellis.runtime.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaContextTest {

    record ScorerConfig(double threshold, List<String> words, String label) {}

    private static ReplicaContext config(Map<String, Object> values) {
        return new ReplicaContext("Scorer", values, name -> {
            throw new IllegalArgumentException("no channels in this test");
        });
    }

    @Test
    void recordIsFilledFromTheEntries() {
        ScorerConfig config = config(Map.of("threshold", 0.3, "words", List.of("free"))).config(ScorerConfig.class);

        assertEquals(new ScorerConfig(0.3, List.of("free"), null), config);
    }

    @Test
    void separateValuesAreConvertedAndUnsetPrimitivesAreZero() {
        ReplicaContext config = config(Map.of("minCents", 100, "enabled", true));

        assertEquals(100L, config.configValue("minCents", long.class));
        assertTrue(config.configValue("enabled", boolean.class));
        assertEquals(0L, config.configValue("maxCents", long.class));
        assertFalse(config.configValue("missingFlag", boolean.class));
        assertNull(config.configValue("label", String.class));
    }

    @Test
    void entryOfTheWrongTypeNamesTheDeploymentAndTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("minCents", "lots")).configValue("minCents", long.class));

        assertTrue(e.getMessage().contains("'minCents' of deployment 'Scorer'"), e.getMessage());
    }

    @Test
    void recordThatDoesNotFitNamesTheDeployment() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("threshold", "high")).config(ScorerConfig.class));

        assertTrue(e.getMessage().contains("deployment 'Scorer' does not fit ScorerConfig"), e.getMessage());
    }
}
