package dev.trellis.runtime.testapp;

public record HelloReply(String greeting, String shout) {
}
