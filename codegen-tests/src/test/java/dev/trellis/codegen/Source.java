package dev.trellis.codegen;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/**
 * A test source file with a way to find the line of a marker comment in it, so that negative tests
 * assert the exact line of an error without counting lines by hand.
 *
 * @param file the compilable file
 * @param text its text
 */
record Source(JavaFileObject file, String text) {

    static Source of(String qualifiedName, String text) {
        return new Source(JavaFileObjects.forSourceString(qualifiedName, text), text);
    }

    /** The 1-based line holding {@code marker}; fails the test if it is missing or not unique. */
    long lineOf(String marker) {
        String[] lines = text.split("\n", -1);
        long found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                if (found != -1) {
                    throw new AssertionError("marker '" + marker + "' appears more than once");
                }
                found = i + 1;
            }
        }
        if (found == -1) {
            throw new AssertionError("marker '" + marker + "' not found");
        }
        return found;
    }
}
