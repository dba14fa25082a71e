package dev.trellis.benchmarks;

import dev.trellis.annotations.Application;

/**
 * The ingress benchmark's application: one deployment behind the HTTP ingress that does no work beyond
 * reading and writing a small JSON body, so that all a request costs is Trellis's HTTP path.
 * {@link RawJsonServer} does the same JSON work on a bare Helidon SE route.
 */
@Application(name = "bench-noop", ingress = NoopIngress.class)
final class NoopApp {}
