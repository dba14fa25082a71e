package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/** The batching benchmark's batch-size-1 application, started next to {@link ClassifierApp}. */
@Application(name = "bench-batching-single-row", ingress = SingleRowClassifier.class)
final class SingleRowClassifierApp {}
