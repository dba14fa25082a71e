package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Get;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentResponse;
import java.util.List;
import java.util.stream.Stream;

/**
 * Receives {@code POST /hello}, asks {@link Greeter} and {@link Shouter} at the same time and combines
 * their answers.
 */
@Ingress(path = "/hello")
@Deployment(numReplicas = 2, resources = @Resources(cpus = 0.25, memoryMb = 64), maxOngoingRequests = 32)
public final class HelloIngress {

    private static final long MAX_PAUSE_MILLIS = 60_000;

    private final GreeterHandle greeter;
    private final ShouterHandle shouter;

    public HelloIngress(GreeterHandle greeter, ShouterHandle shouter) {
        this.greeter = greeter;
        this.shouter = shouter;
    }

    @Post
    @Idempotent // no effects: a call whose replica died may run again elsewhere
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

    /**
     * {@code POST /hello/spell}: the shouted letters of the name as a stream, relayed from
     * {@link Shouter#letters} as they come (newline-delimited JSON, or server-sent events for a client
     * that accepts {@code text/event-stream}). A client that stops reading stops both streams.
     */
    @Post("/spell")
    public Stream<String> spell(HelloRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException("'name' is required, for example {\"name\":\"Ada\"}");
        }
        return shouter.letters(request.name()).stream();
    }

    @Get("/status")
    public String status() {
        return "ready";
    }

    /**
     * Answers after {@code millis} milliseconds: a stand-in for a slow model. It has no HTTP route; the
     * generated {@code HelloAppClient} calls it over gRPC to show deadlines and cancellation (a call
     * whose deadline passes interrupts the wait).
     */
    public String pause(long millis) throws InterruptedException {
        if (millis < 0 || millis > MAX_PAUSE_MILLIS) {
            throw new IllegalArgumentException("millis must be from 0 to " + MAX_PAUSE_MILLIS + ", was " + millis);
        }
        Thread.sleep(millis);
        return "paused " + millis + " ms";
    }
}
