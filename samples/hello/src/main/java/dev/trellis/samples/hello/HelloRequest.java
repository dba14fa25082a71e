package dev.trellis.samples.hello;

/**
 * The body of {@code POST /hello}.
 *
 * @param name whom to greet
 */
public record HelloRequest(String name) {}
