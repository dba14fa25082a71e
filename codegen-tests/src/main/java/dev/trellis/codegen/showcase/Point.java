package dev.trellis.codegen.showcase;

/** A small nested record. */
public record Point(float x, float y) {}
