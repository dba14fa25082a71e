package dev.trellis.samples.tagging;

import java.util.List;

/**
 * One line of text found in the image.
 *
 * @param text what it says
 * @param confidence the recogniser's mean confidence over its characters, 0 to 1
 * @param box its four corners in the uploaded image's pixels: top left, top right, bottom right, bottom
 *     left as the text reads
 */
public record TextResult(String text, float confidence, List<Corner> box) {

    /** A corner of a text box, in pixels of the uploaded image. */
    public record Corner(int x, int y) {}
}
