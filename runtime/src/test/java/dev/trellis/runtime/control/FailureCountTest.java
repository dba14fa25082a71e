package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureCountTest {

    @Test
    void threeFailuresInARowReplace() {
        FailureCount count = new FailureCount();
        assertFalse(count.record(false, 3));
        assertFalse(count.record(false, 3));
        assertTrue(count.record(false, 3));
    }

    @Test
    void alternatingFailuresNeverReplace() {
        FailureCount count = new FailureCount();
        for (int i = 0; i < 100; i++) {
            assertFalse(count.record(false, 3));
            assertFalse(count.record(true, 3));
        }
    }

    @Test
    void oneFailureAmongSuccessesDoesNotReplace() {
        FailureCount count = new FailureCount();
        assertFalse(count.record(false, 3));
        assertFalse(count.record(false, 3));
        assertFalse(count.record(true, 3));
        assertFalse(count.record(false, 3));
        assertFalse(count.record(false, 3));
        assertTrue(count.record(false, 3));
    }

    @Test
    void theThresholdIsTheDeployments() {
        FailureCount once = new FailureCount();
        assertTrue(once.record(false, 1), "a threshold of 1 replaces at the first failure");
        FailureCount patient = new FailureCount();
        for (int i = 0; i < 4; i++) {
            assertFalse(patient.record(false, 5));
        }
        assertTrue(patient.record(false, 5));
    }
}
