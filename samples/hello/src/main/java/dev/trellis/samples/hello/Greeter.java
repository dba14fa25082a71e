package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Reconfigure;
import dev.trellis.annotations.Resources;

/**
 * Writes a polite greeting. Two replicas share the load. Its greeting is configuration, which a running
 * replica takes in place ({@code @Reconfigure}), and by which a user tells two versions apart (a canary
 * with {@code config: {greeting: Hallo}}).
 */
@Deployment(numReplicas = 2, resources = @Resources(cpus = 0.5, memoryMb = 64))
public final class Greeter {

    private volatile String greeting;

    public Greeter(GreeterConfig config) {
        this.greeting = config.greeting();
    }

    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public String greet(String name) {
        return greeting + ", " + name + "!";
    }

    @Reconfigure
    public void reconfigure(GreeterConfig config) {
        this.greeting = config.greeting();
    }
}
