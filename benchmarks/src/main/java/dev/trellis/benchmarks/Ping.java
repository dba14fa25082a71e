package dev.trellis.benchmarks;

/** The ingress benchmark's request body. */
public record Ping(String name, int count) {}
