package dev.trellis.runtime.testapp;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.graph.Dispatcher;

/** What the processor generates for {@link Shouter}, written by hand. */
public final class ShouterHandle extends DeploymentHandle {

    public static final DeploymentMethod<String> SHOUT = new DeploymentMethod<>("Shouter", "shout", 0);

    public static final Dispatcher<Shouter> DISPATCHER = (target, method, args) -> switch (method) {
        case 0 -> target.shout((String) args[0]);
        default -> throw new IllegalArgumentException("Shouter has no method " + method);
    };

    public ShouterHandle(DeploymentChannel channel) {
        super(channel);
    }

    public DeploymentResponse<String> shout(String name) {
        return call(SHOUT, new Object[] {name});
    }
}
