package dev.trellis.runtime.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureCountTest {

    @Test
    void threeFailuresInARowReplace() {
        FailureCount count = new FailureCount();
        assertFalse(count.record(false));
        assertFalse(count.record(false));
        assertTrue(count.record(false));
    }

    @Test
    void alternatingFailuresNeverReplace() {
        FailureCount count = new FailureCount();
        for (int i = 0; i < 100; i++) {
            assertFalse(count.record(false));
            assertFalse(count.record(true));
        }
    }

    @Test
    void oneFailureAmongSuccessesDoesNotReplace() {
        FailureCount count = new FailureCount();
        assertFalse(count.record(false));
        assertFalse(count.record(false));
        assertFalse(count.record(true));
        assertFalse(count.record(false));
        assertFalse(count.record(false));
        assertTrue(count.record(false));
    }
}
