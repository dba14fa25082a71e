package it.tiny;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Resources;

@Deployment(numReplicas = 3, maxOngoingRequests = 7, resources = @Resources(cpus = 0.5, memoryMb = 128))
public final class Shouter {

    public String shout(String text) {
        return text.toUpperCase(java.util.Locale.ROOT) + "!";
    }
}
