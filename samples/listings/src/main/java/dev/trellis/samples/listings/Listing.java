package dev.trellis.samples.listings;

/**
 * A product listing a seller submits.
 *
 * @param title the title
 * @param description the description
 * @param priceCents the asking price in cents
 */
public record Listing(String title, String description, long priceCents) {}
