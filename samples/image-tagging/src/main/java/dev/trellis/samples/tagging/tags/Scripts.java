package dev.trellis.samples.tagging.tags;

import java.lang.Character.UnicodeScript;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses the writing system of a text: the script (by Unicode's script property) that most of its
 * letters are in, or {@code digits} when digits outnumber every script. Punctuation, symbols and spaces
 * do not count. Ties go to the script met first.
 */
final class Scripts {

    private Scripts() {}

    /** The script's name ({@code latin}, {@code han}, {@code cyrillic}, {@code kana}, {@code digits}, …). */
    static Optional<String> majority(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>(); // in order of appearance, for ties
        text.codePoints().forEach(codePoint -> {
            String script = scriptOf(codePoint);
            if (script != null) {
                counts.merge(script, 1, Integer::sum);
            }
        });
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    private static String scriptOf(int codePoint) {
        if (Character.isDigit(codePoint)) {
            return "digits";
        }
        if (!Character.isLetter(codePoint)) {
            return null;
        }
        UnicodeScript script = UnicodeScript.of(codePoint);
        return switch (script) {
            case HIRAGANA, KATAKANA -> "kana"; // Japanese: one tag for both syllabaries
            case COMMON, INHERITED, UNKNOWN -> null;
            default -> script.name().toLowerCase(Locale.ROOT);
        };
    }
}
