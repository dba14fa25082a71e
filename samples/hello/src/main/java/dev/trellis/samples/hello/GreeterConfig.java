package dev.trellis.samples.hello;

import dev.trellis.annotations.Default;

/** The Greeter's configuration: what it greets with ({@code config: {greeting: Hallo}} in a deployment YAML). */
public record GreeterConfig(@Default("Hello") String greeting) {}
