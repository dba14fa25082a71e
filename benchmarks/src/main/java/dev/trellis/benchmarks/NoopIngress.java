package dev.trellis.benchmarks;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;

/** {@code POST /noop} with {@code {"name":…,"count":…}} answers the same fields and a greeting. */
@Ingress(path = "/noop")
@Deployment(maxOngoingRequests = 256)
public final class NoopIngress {

    @Post
    public Pong noop(Ping ping) {
        return Pong.of(ping);
    }
}
