package dev.trellis.codegen.showcase;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;

/** The ingress: sums through the echo deployment. */
@Ingress(path = "/showcase")
@Deployment
public final class Front {

    private final EchoHandle echo;

    public Front(EchoHandle echo) {
        this.echo = echo;
    }

    @Post("/sum")
    public int sum(Point point) {
        return echo.add((int) point.x(), (int) point.y()).join();
    }
}
