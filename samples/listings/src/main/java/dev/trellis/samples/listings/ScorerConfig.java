package dev.trellis.samples.listings;

import dev.trellis.annotations.Default;

/**
 * How {@link TextScorer} judges text; set in the deployment YAML, re-applied in place.
 *
 * @param threshold the spam score from which a listing is rejected
 * @param shoutingWeight how much a title in capitals adds to the score
 */
public record ScorerConfig(@Default("0.5") double threshold, @Default("0.25") double shoutingWeight) {}
