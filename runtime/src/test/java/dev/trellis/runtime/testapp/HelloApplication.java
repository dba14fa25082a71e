package dev.trellis.runtime.testapp;

import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.TypeToken;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HttpVerb;
import dev.trellis.runtime.graph.IngressRoute;
import java.util.List;

/**
 * What the processor generates for an {@code @Application(name = "hello")}, written by hand: the
 * ingress fans out to two deployments. Tests choose the ingress's limits and hold its calls at a
 * {@link Gate}; {@link java.util.ServiceLoader} uses the no-argument constructor.
 */
public final class HelloApplication implements ApplicationGraph {

    public static final DeploymentSpec DEFAULT_SPEC = new DeploymentSpec(1, 5, -1, new ResourceSpec(0.25, 0, 0));

    private final DeploymentSpec ingressSpec;
    private final Gate gate;

    public HelloApplication() {
        this(DEFAULT_SPEC, new Gate());
    }

    public HelloApplication(DeploymentSpec ingressSpec, Gate gate) {
        this.ingressSpec = ingressSpec;
        this.gate = gate;
    }

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String ingress() {
        return "HelloIngress";
    }

    @Override
    public List<DeploymentNode<?>> nodes() {
        return List.of(
                new DeploymentNode<>("Greeter", new DeploymentSpec(2, 5, -1, new ResourceSpec(0.25, 0, 0)), List.of(),
                        channels -> new Greeter(), GreeterHandle.DISPATCHER, LocalOnlyWire.INSTANCE),
                new DeploymentNode<>("Shouter", DEFAULT_SPEC, List.of(),
                        channels -> new Shouter(), ShouterHandle.DISPATCHER, LocalOnlyWire.INSTANCE),
                new DeploymentNode<>("HelloIngress", ingressSpec, List.of("Greeter", "Shouter"),
                        channels -> new HelloIngress(new GreeterHandle(channels.channel("Greeter")),
                                new ShouterHandle(channels.channel("Shouter")), gate),
                        HelloIngressHandle.DISPATCHER, LocalOnlyWire.INSTANCE));
    }

    @Override
    public List<IngressRoute> routes() {
        return List.of(
                IngressRoute.post("/hello", HelloIngressHandle.HELLO, new TypeToken<HelloRequest>() {}),
                IngressRoute.withoutBody(HttpVerb.GET, "/ping", HelloIngressHandle.PING),
                IngressRoute.withoutBody(HttpVerb.POST, "/forget", HelloIngressHandle.FORGET),
                IngressRoute.post("/spell", HelloIngressHandle.SPELL, new TypeToken<HelloRequest>() {}));
    }

    @Override
    public String manifestResource() {
        return "META-INF/trellis/hello.yaml";
    }
}
