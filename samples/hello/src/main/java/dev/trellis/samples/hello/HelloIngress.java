package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Get;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.runtime.DeploymentResponse;
import java.util.List;

/**
 * Receives {@code POST /hello}, asks {@link Greeter} and {@link Shouter} at the same time and combines
 * their answers.
 */
@Ingress(path = "/hello")
@Deployment(numReplicas = 2, maxOngoingRequests = 32)
public final class HelloIngress {

    private final GreeterHandle greeter;
    private final ShouterHandle shouter;

    public HelloIngress(GreeterHandle greeter, ShouterHandle shouter) {
        this.greeter = greeter;
        this.shouter = shouter;
    }

    @Post
    public HelloReply hello(HelloRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException("'name' is required, for example {\"name\":\"Ada\"}");
        }
        // Both calls are in flight before either is awaited: the fan-out runs in parallel.
        DeploymentResponse<String> greeting = greeter.greet(request.name());
        DeploymentResponse<String> shout = shouter.shout(request.name());
        List<HelloReply.Part> parts = List.of(
                new HelloReply.Part("Greeter", greeting.join()),
                new HelloReply.Part("Shouter", shout.join()));
        return new HelloReply(parts.get(0).text() + " " + parts.get(1).text(), parts);
    }

    @Get("/status")
    public String status() {
        return "ready";
    }
}
