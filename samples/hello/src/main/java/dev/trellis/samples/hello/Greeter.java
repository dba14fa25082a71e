package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;

/** Writes a polite greeting. Two replicas share the load. */
@Deployment(numReplicas = 2, resources = @Resources(cpus = 0.5, memoryMb = 64))
public final class Greeter {

    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public String greet(String name) {
        return "Hello, " + name + "!";
    }
}
