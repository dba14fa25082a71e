package dev.trellis.processor.read;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Deployments whose handle parameters name a class that does not exist yet: another processor may
 * generate it in a later round, so they are read again then. Only in the last round is a still missing
 * class an error.
 */
public final class Deferrals {

    private final Set<String> deferred = new LinkedHashSet<>();
    private boolean lastRound;

    /** Marks the round that follows the last one with new files: missing classes are errors now. */
    public void lastRound(boolean lastRound) {
        this.lastRound = lastRound;
    }

    /** Whether this is the last round, in which a missing class is an error. */
    public boolean isLastRound() {
        return lastRound;
    }

    /** Reads {@code deployment} again next round. */
    public void defer(String deployment) {
        deferred.add(deployment);
    }

    /** Whether {@code deployment} waits for the next round. */
    public boolean isDeferred(String deployment) {
        return deferred.contains(deployment);
    }

    /** Whether any deployment waits for the next round. */
    public boolean hasAny() {
        return !deferred.isEmpty();
    }

    /** The deployments to read again, and forgets them. */
    public Set<String> takeAll() {
        Set<String> all = Set.copyOf(deferred);
        deferred.clear();
        return all;
    }
}
