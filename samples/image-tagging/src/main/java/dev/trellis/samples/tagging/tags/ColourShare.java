package dev.trellis.samples.tagging.tags;

import java.util.Objects;

/**
 * How much of an image is one named colour.
 *
 * @param colour the colour's name: {@code black}, {@code white}, {@code grey}, {@code red}, {@code orange},
 *     {@code brown}, {@code yellow}, {@code green}, {@code cyan}, {@code blue}, {@code purple} or {@code pink}
 * @param share the fraction of the image's pixels, in {@code (0, 1]}
 */
public record ColourShare(String colour, float share) {

    public ColourShare {
        Objects.requireNonNull(colour, "colour");
    }
}
