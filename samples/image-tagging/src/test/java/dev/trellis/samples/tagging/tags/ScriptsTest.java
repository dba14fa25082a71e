package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScriptsTest {

    @Test
    void theScriptOfMostLettersWins() {
        assertEquals(Optional.of("latin"), Scripts.majority("HELLO 2026"));
        assertEquals(Optional.of("han"), Scripts.majority("价格 12元 OK"));
        assertEquals(Optional.of("cyrillic"), Scripts.majority("Привет, world"));
        assertEquals(Optional.of("greek"), Scripts.majority("Καλημέρα"));
        assertEquals(Optional.of("kana"), Scripts.majority("カタカナとひらがな"));
        assertEquals(Optional.of("hangul"), Scripts.majority("안녕하세요"));
    }

    @Test
    void digitsWinWhenThereAreMoreOfThem() {
        assertEquals(Optional.of("digits"), Scripts.majority("4006381333931"));
        assertEquals(Optional.of("digits"), Scripts.majority("No 12345"));
    }

    @Test
    void punctuationAndSpacesDoNotCount() {
        assertEquals(Optional.empty(), Scripts.majority("  -- %% $ !"));
        assertEquals(Optional.of("latin"), Scripts.majority("a!!!!!!!"));
    }

    @Test
    void tiesGoToTheScriptMetFirst() {
        assertEquals(Optional.of("digits"), Scripts.majority("12 ab"));
        assertEquals(Optional.of("latin"), Scripts.majority("ab 12"));
    }
}
