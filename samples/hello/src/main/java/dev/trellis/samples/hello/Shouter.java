package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import java.util.Locale;

/** Shouts a name. */
@Deployment(resources = @Resources(cpus = 0.25, memoryMb = 32), maxOngoingRequests = 16)
public final class Shouter {

    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public String shout(String name) {
        return name.toUpperCase(Locale.ROOT) + "!!!";
    }
}
