package dev.trellis.benchmarks;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;

/**
 * Answers with its argument: all a call costs is Trellis's own path. One replica with room for far
 * more calls than the benchmarks send at once, so no call ever waits in a router's queue. It is the
 * application's ingress, as every application needs one; the benchmarks call it through handles only.
 */
@Ingress(path = "/echo")
@Deployment(maxOngoingRequests = 256)
public final class Echo {

    public byte[] echo(byte[] payload) {
        return payload;
    }
}
