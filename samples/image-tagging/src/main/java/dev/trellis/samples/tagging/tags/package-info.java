/**
 * Tags an image from the text read in it and from its pixels: {@link
 * dev.trellis.samples.tagging.tags.ImageStats} is computed where the pixels are, and {@link
 * dev.trellis.samples.tagging.tags.Tagger} turns it and the recognised lines into tags.
 */
package dev.trellis.samples.tagging.tags;
