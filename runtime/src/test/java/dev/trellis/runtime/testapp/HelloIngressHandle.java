package dev.trellis.runtime.testapp;

import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentHandle;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.graph.Dispatcher;

/** What the processor generates for {@link HelloIngress}, written by hand. */
public final class HelloIngressHandle extends DeploymentHandle {

    public static final DeploymentMethod<HelloReply> HELLO = new DeploymentMethod<>("HelloIngress", "hello", 0);
    public static final DeploymentMethod<String> PING = new DeploymentMethod<>("HelloIngress", "ping", 1);
    public static final DeploymentMethod<Void> FORGET = new DeploymentMethod<>("HelloIngress", "forget", 2);
    public static final DeploymentMethod<String> SPELL = new DeploymentMethod<>("HelloIngress", "spell", 3, false, null,
            true);

    public static final Dispatcher<HelloIngress> DISPATCHER = (target, method, args) -> switch (method) {
        case 0 -> target.hello((HelloRequest) args[0]);
        case 1 -> target.ping();
        case 2 -> {
            target.forget();
            yield null;
        }
        case 3 -> target.spell((HelloRequest) args[0]);
        default -> throw new IllegalArgumentException("HelloIngress has no method " + method);
    };

    public HelloIngressHandle(DeploymentChannel channel) {
        super(channel);
    }

    public DeploymentResponse<HelloReply> hello(HelloRequest request) {
        return call(HELLO, new Object[] {request});
    }
}
