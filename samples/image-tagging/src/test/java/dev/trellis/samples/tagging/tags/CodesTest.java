package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"SKU AB-12345", "AB-12345", "X-1000-B", "Item SKU12345", "REF 7A-220-X",
        "EAN 4006381333931", "4006381333931", "036000291452", "96385074", "Code SPRING2025"})
    void codes(String text) {
        assertTrue(Codes.hasCode(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO 2026", "COVID-19", "2026-11-30", "Order 778812", "4006381333932", "12345678",
        "ab-12345", "Gate B7", "SPRING25", "Price $12.99", "Room 204", "0123456789"})
    void notCodes(String text) {
        assertFalse(Codes.hasCode(text), text);
    }

    @Test
    void checksTheGs1CheckDigit() {
        assertTrue(Codes.validCheckDigit("4006381333931")); // EAN-13
        assertTrue(Codes.validCheckDigit("036000291452")); // UPC-A
        assertTrue(Codes.validCheckDigit("96385074")); // EAN-8
        assertFalse(Codes.validCheckDigit("4006381333930"));
    }
}
