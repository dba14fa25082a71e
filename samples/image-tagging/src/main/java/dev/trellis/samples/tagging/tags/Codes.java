package dev.trellis.samples.tagging.tags;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises product and article codes in a line of OCR'd text: upper-case letters with at least three
 * digits, hyphenated (AB-12345, X-1000-B) or run together (SKU12345), and barcode numbers (GTIN-8,
 * UPC-A, EAN-13, GTIN-14) whose check digit is right, which tells them from other long numbers (phone
 * numbers, order numbers) most of the time. "COVID-19" or "2026-11-30" are not codes.
 */
final class Codes {

    private static final Pattern HYPHENATED = Pattern.compile(
            "(?<![\\w-])(?=[A-Z0-9-]*[A-Z])(?=(?:[A-Z-]*\\d){3})[A-Z0-9]+(?:-[A-Z0-9]+)+(?![\\w-])");
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("(?<![\\w-])[A-Z]{2,}\\d{3,}(?![\\w-])");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)(\\d{8}|\\d{12,14})(?!\\d)");

    private Codes() {}

    static boolean hasCode(String text) {
        if (HYPHENATED.matcher(text).find() || LETTERS_THEN_DIGITS.matcher(text).find()) {
            return true;
        }
        for (Matcher m = DIGIT_RUN.matcher(text); m.find(); ) {
            if (validCheckDigit(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** The GS1 check: digits weighted 3 and 1 alternately from the right, the check digit included, sum to a multiple of 10. */
    static boolean validCheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? 3 * digit : digit;
        }
        return sum % 10 == 0;
    }
}
