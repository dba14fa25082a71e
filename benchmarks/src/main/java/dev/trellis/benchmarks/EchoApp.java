package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/** The application the benchmarks call: one deployment that answers with what it was sent. */
@Application(name = "bench-echo", ingress = Echo.class)
final class EchoApp {}
