package dev.trellis.samples.tagging.tags;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises calendar dates in a line of OCR'd text, in the forms printed on labels and tickets:
 * 2026-11-30, 30/11/2026, 11/30/26, 30.11.2026, Nov 30 2026, 30 November 2026, 2026年11月30日. A match
 * counts only if it is a real date (no 2026-02-30), either day-first or month-first when the numbers
 * allow both. Spaces are optional between the parts, because OCR often drops them ("Nov302026").
 */
final class Dates {

    private static final Pattern YEAR_FIRST = Pattern.compile("(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)");
    private static final Pattern YEAR_LAST = Pattern.compile(
            "(?<![\\d.,])(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4}|\\d{2})(?![\\d.,]?\\d)");
    private static final Pattern MONTH_NAME_FIRST = Pattern.compile(
            "(?i)(?<![a-z])([a-z]{3,9})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s*(\\d{4})(?!\\d)");
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(?i)(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s*([a-z]{3,9})\\.?,?\\s*(\\d{4})(?!\\d)");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
            Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private Dates() {}

    static boolean hasDate(String text) {
        for (Matcher m = YEAR_FIRST.matcher(text); m.find(); ) {
            if (valid(number(m, 1), number(m, 2), number(m, 3))) {
                return true;
            }
        }
        for (Matcher m = YEAR_LAST.matcher(text); m.find(); ) {
            int year = fullYear(m.group(3));
            if (valid(year, number(m, 2), number(m, 1)) || valid(year, number(m, 1), number(m, 2))) {
                return true;
            }
        }
        for (Matcher m = MONTH_NAME_FIRST.matcher(text); m.find(); ) {
            if (valid(number(m, 3), month(m.group(1)), number(m, 2))) {
                return true;
            }
        }
        for (Matcher m = DAY_FIRST.matcher(text); m.find(); ) {
            if (valid(number(m, 3), month(m.group(2)), number(m, 1))) {
                return true;
            }
        }
        for (Matcher m = CHINESE.matcher(text); m.find(); ) {
            if (valid(number(m, 1), number(m, 2), number(m, 3))) {
                return true;
            }
        }
        return false;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    /** A two-digit year is this century's, as on a receipt. */
    private static int fullYear(String year) {
        return year.length() == 2 ? 2000 + Integer.parseInt(year) : Integer.parseInt(year);
    }

    /** The month a name or abbreviation stands for, or 0: "Mayor" is not May. */
    private static int month(String name) {
        return MONTHS.getOrDefault(name.toLowerCase(Locale.ROOT), 0);
    }

    /** Whether the numbers make a date in a year a label plausibly shows. */
    private static boolean valid(int year, int month, int day) {
        if (year < 1900 || year > 2199) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
