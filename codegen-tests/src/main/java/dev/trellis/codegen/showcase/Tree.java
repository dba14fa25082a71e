package dev.trellis.codegen.showcase;

import java.util.List;

/** A recursive record. */
public record Tree(String name, List<Tree> children) {}
