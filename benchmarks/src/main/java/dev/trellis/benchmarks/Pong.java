package dev.trellis.benchmarks;

/** The ingress benchmark's answer: what came in and a greeting made of it. */
public record Pong(String name, int count, String greeting) {

    static Pong of(Ping ping) {
        return new Pong(ping.name(), ping.count(), "Hello, " + ping.name() + "!");
    }
}
