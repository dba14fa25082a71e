package dev.trellis.samples.tagging;

/**
 * How much of an expected text OCR read right: one minus the edit distance (Levenshtein: insertions,
 * deletions, substitutions) over the expected length, summed over many texts.
 */
public final class CharacterAccuracy {

    private long expectedCharacters;
    private long edits;

    /** Adds one text and what was read for it. */
    public void add(String expected, String read) {
        expectedCharacters += expected.length();
        edits += distance(expected, read);
    }

    /** The accuracy so far, in {@code [0, 1]} (negative when far more was read than expected). */
    public double accuracy() {
        return expectedCharacters == 0 ? 1 : 1 - (double) edits / expectedCharacters;
    }

    /** The Levenshtein distance between {@code a} and {@code b}. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
