package dev.trellis.codegen.showcase;

/** An enum: travels as its ordinal. */
public enum Color {
    RED,
    GREEN,
    BLUE
}
