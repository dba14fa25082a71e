package dev.trellis.samples.hello;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import java.util.Locale;
import java.util.stream.Stream;

/** Shouts a name. */
@Deployment(resources = @Resources(cpus = 0.25, memoryMb = 32), maxOngoingRequests = 16)
public final class Shouter {

    @Idempotent // no effects: a call whose replica died may run again elsewhere
    public String shout(String name) {
        return name.toUpperCase(Locale.ROOT) + "!!!";
    }

    /** The name's letters, shouted one at a time: a streaming method, each letter sent as it is made. */
    public Stream<String> letters(String name) {
        return name.codePoints().mapToObj(Character::toString).map(letter -> letter.toUpperCase(Locale.ROOT));
    }
}
