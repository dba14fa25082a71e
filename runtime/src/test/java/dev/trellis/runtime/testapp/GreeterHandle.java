package dev.trellis.runtime.testapp;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.graph.Dispatcher;

/** What the processor generates for {@link Greeter}, written by hand. */
public final class GreeterHandle extends DeploymentHandle {

    public static final DeploymentMethod<String> GREET = new DeploymentMethod<>("Greeter", "greet", 0);

    public static final Dispatcher<Greeter> DISPATCHER = (target, method, args) -> switch (method) {
        case 0 -> target.greet((String) args[0]);
        default -> throw new IllegalArgumentException("Greeter has no method " + method);
    };

    public GreeterHandle(DeploymentChannel channel) {
        super(channel);
    }

    public DeploymentResponse<String> greet(String name) {
        return call(GREET, new Object[] {name});
    }
}
