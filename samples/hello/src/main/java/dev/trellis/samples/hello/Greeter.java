package dev.trellis.samples.hello;

import dev.trellis.annotations.Default;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;

/**
 * Writes a polite greeting. Two replicas share the load. Its greeting is configuration, so that a
 * deployment YAML can give a canary another one ({@code config: {greeting: Hallo}}) and a user can tell
 * the versions apart by their answers.
 */
@Deployment(numReplicas = 2, resources = @Resources(cpus = 0.5, memoryMb = 64))
public final class Greeter {

    private final String greeting;

    public Greeter(@Default("Hello") String greeting) {
        this.greeting = greeting;
    }

    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public String greet(String name) {
        return greeting + ", " + name + "!";
    }
}
