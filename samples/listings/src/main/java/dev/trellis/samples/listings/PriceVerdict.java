package dev.trellis.samples.listings;

/** What {@link PriceChecker} thinks of a price: a sealed result, one record per outcome. */
public sealed interface PriceVerdict permits PriceVerdict.Plausible, PriceVerdict.Suspicious {

    /**
     * A price within the configured range.
     *
     * @param priceCents the price
     */
    record Plausible(long priceCents) implements PriceVerdict {}

    /**
     * A price outside it.
     *
     * @param reason why
     */
    record Suspicious(String reason) implements PriceVerdict {}
}
