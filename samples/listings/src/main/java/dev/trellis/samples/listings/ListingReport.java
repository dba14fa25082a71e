package dev.trellis.samples.listings;

/**
 * The answer of {@code POST /listings/check}.
 *
 * @param decision what happens to the listing
 * @param text the text score
 * @param price the price verdict
 */
public record ListingReport(Decision decision, TextScore text, PriceVerdict price) {}
