package dev.trellis.samples.listings;

import java.util.List;

/**
 * How spammy a listing's text reads.
 *
 * @param score from 0 (clean) to 1 (spam)
 * @param flagged the words that raised it
 * @param rejected whether the score passed the threshold
 */
public record TextScore(double score, List<String> flagged, boolean rejected) {}
