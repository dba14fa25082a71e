package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/** The batching benchmark's application: one batched ONNX deployment. */
@Application(name = "bench-batching", ingress = BatchedClassifier.class)
final class ClassifierApp {}
