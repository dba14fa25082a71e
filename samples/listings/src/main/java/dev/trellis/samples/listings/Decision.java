package dev.trellis.samples.listings;

/** What happens to a listing. */
public enum Decision {
    APPROVE,
    REVIEW,
    REJECT
}
