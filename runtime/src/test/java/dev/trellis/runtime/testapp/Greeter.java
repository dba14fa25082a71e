package dev.trellis.runtime.testapp;

/** A downstream deployment, as a user would write it. */
public final class Greeter {

    public String greet(String name) {
        return "Hello, " + name + "!";
    }
}
