package dev.trellis.samples.tagging.tags;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Price $12.99", "Price$12.99", "12,99 €", "12,99€", "EUR 5", "5 EUR", "£1,299.00",
        "Total 45,50 EUR", "¥500", "100元", "usd 20", "1 299,00 €", "CHF 7.50"})
    void prices(String text) {
        assertTrue(TextPatterns.hasPrice(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.99", "Room 204", "$", "EUR", "EURO", "Europe 5", "2026-11-30", "1.99 per kg",
        "NEURO 5"})
    void notPrices(String text) {
        assertFalse(TextPatterns.hasPrice(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SALE 50% OFF", "50 %", "12.5%", "Discount25%", "20 percent", "7,5 % VAT", "3 pct"})
    void percentages(String text) {
        assertTrue(TextPatterns.hasPercentage(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"50", "%", "percent", "100 points", "SALE"})
    void notPercentages(String text) {
        assertFalse(TextPatterns.hasPercentage(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Visit www.example.com", "Visitwww.example.com", "https://trellis.dev/docs",
        "http://x.io", "shop.example.co.uk", "example.com/sale", "EXAMPLE.COM"})
    void urls(String text) {
        assertTrue(TextPatterns.hasUrl(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"info@example.com", "file.txt", "1.99", "e.g. this", "Mr.Smith", "version 2.0.1",
        "example.comfort"})
    void notUrls(String text) {
        assertFalse(TextPatterns.hasUrl(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"info@example.com", "Mail: first.last+tag@mail.example.org", "A@B.DE"})
    void emails(String text) {
        assertTrue(TextPatterns.hasEmail(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.com", "info@", "info@example", "www.example.com", "a @ b.com"})
    void notEmails(String text) {
        assertFalse(TextPatterns.hasEmail(text), text);
    }
}
