package dev.trellis.runtime.config;

/**
 * Where something starts in a file: line and column, both counted from 1, as editors count them.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 */
public record SourcePosition(int line, int column) {

    /** The start of a file, for problems of the file as a whole. */
    public static final SourcePosition START = new SourcePosition(1, 1);

    public SourcePosition {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns count from 1: " + line + ":" + column);
        }
    }

    /** {@code line:column}, as compilers and editors write it after a file name. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
