package dev.trellis.samples.listings;

import dev.trellis.annotations.Default;
import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Resources;

/** Flags prices outside a plausible range; the range is configuration, given as separate values. */
@Deployment(resources = @Resources(cpus = 0.25, memoryMb = 64))
public final class PriceChecker {

    private final long minCents;
    private final long maxCents;

    public PriceChecker(@Default("100") long minCents, @Default("100000000") long maxCents) {
        this.minCents = minCents;
        this.maxCents = maxCents;
    }

    public PriceVerdict check(long priceCents) {
        if (priceCents < minCents) {
            return new PriceVerdict.Suspicious("below " + minCents + " cents");
        }
        if (priceCents > maxCents) {
            return new PriceVerdict.Suspicious("above " + maxCents + " cents");
        }
        return new PriceVerdict.Plausible(priceCents);
    }
}
