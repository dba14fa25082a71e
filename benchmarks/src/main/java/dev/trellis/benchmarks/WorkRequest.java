package dev.trellis.benchmarks;

/** How long one call of the autoscaling benchmark keeps its replica busy. */
public record WorkRequest(int millis) {}
