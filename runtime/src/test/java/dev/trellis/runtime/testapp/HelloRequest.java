package dev.trellis.runtime.testapp;

public record HelloRequest(String name) {
}
