package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * The text detector's answer for one image: for each pixel of the scaled image it saw, the probability
 * that the pixel lies inside (the shrunk core of) a text line.
 *
 * @param imageWidth the original image's width, to map boxes back to
 * @param imageHeight the original image's height
 * @param width the map's width, the scaled image's
 * @param height the map's height
 * @param probabilities {@code width * height} values in {@code [0, 1]}, row by row
 */
public record ProbabilityMap(int imageWidth, int imageHeight, int width, int height, float[] probabilities) {

    public ProbabilityMap {
        Objects.requireNonNull(probabilities, "probabilities");
        if (width < 1 || height < 1 || imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("A probability map and its image are at least 1×1, were " + width
                    + "×" + height + " for " + imageWidth + "×" + imageHeight);
        }
        if (probabilities.length != (long) width * height) {
            throw new IllegalArgumentException("A " + width + "×" + height + " map has " + (long) width * height
                    + " values, but " + probabilities.length + " were given");
        }
    }

    /** The probability at {@code (x, y)}. */
    public float at(int x, int y) {
        return probabilities[y * width + x];
    }
}
