package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * What the text detector runs on for one image: the image scaled so both sides are multiples of 32 and
 * normalised, and the original size, to map the boxes it finds back.
 *
 * @param imageWidth the original image's width
 * @param imageHeight the original image's height
 * @param tensor float {@code [1, 3, height, width]}, BGR planes normalised with ImageNet's mean and
 *     deviation
 */
public record DetectionInput(int imageWidth, int imageHeight, FloatTensor tensor) {

    public DetectionInput {
        Objects.requireNonNull(tensor, "tensor");
        if (tensor.shape().length != 4 || tensor.shape()[0] != 1 || tensor.shape()[1] != 3) {
            throw new IllegalArgumentException("A detection input is [1, 3, height, width], was " + tensor);
        }
    }

    /** The height the detector sees. */
    public int inputHeight() {
        return (int) tensor.shape()[2];
    }

    /** The width the detector sees. */
    public int inputWidth() {
        return (int) tensor.shape()[3];
    }
}
