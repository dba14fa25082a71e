package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30", "Best before2026-11-30", "2026/1/5", "30/11/2026", "11/30/2026",
        "30.11.2026", "30-11-26", "Nov 30 2026", "Nov302026", "November 30, 2026", "30 Nov 2026", "30th November 2026",
        "Sept. 1, 2026", "2026年11月30日", "2024-02-29"})
    void dates(String text) {
        assertTrue(Dates.hasDate(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026", "2026-02-30", "2025-02-29", "30/13/2026", "32.11.2026", "Mayor 12 2026",
        "Nov 2026", "12.99", "1.2.3", "10:45", "Gate B7", "3026-01-01", "4006381333931", "11/30/20261"})
    void notDates(String text) {
        assertFalse(Dates.hasDate(text), text);
    }
}
