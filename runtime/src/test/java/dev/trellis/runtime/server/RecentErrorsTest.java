package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's recent errors: bounded, newest first, every one counted. */
class RecentErrorsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void keepsTheLastErrorsNewestFirstAndCountsThemAll() {
        RecentErrors errors = new RecentErrors(3, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 1; i <= 5; i++) {
            errors.add("POST /tag", 400 + i, "error " + i);
        }

        assertEquals(List.of("error 5", "error 4", "error 3"),
                errors.entries().stream().map(RecentErrors.Entry::message).toList());
        assertEquals(List.of(405, 404, 403), errors.entries().stream().map(RecentErrors.Entry::status).toList());
        assertEquals(5, errors.total(), "the ones dropped are still counted");
        assertEquals(NOW, errors.entries().get(0).time());
    }

    @Test
    void aLongMessageIsCutSoThatTheRingStaysSmall() {
        RecentErrors errors = new RecentErrors(1, Clock.systemUTC());

        errors.forRoute("POST /tag").errorSent(500, "x".repeat(10_000));

        String kept = errors.entries().get(0).message();
        assertEquals(RecentErrors.MAX_MESSAGE_CHARS + 1, kept.length());
        assertTrue(kept.endsWith("…"), kept);
        assertEquals("POST /tag", errors.entries().get(0).route());
    }

    @Test
    void aRingWithoutRoomIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecentErrors(0, Clock.systemUTC()));
    }
}
