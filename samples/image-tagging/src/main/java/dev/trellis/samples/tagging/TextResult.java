package dev.trellis.samples.tagging;

import dev.trellis.samples.tagging.ocr.OcrLine;
import dev.trellis.samples.tagging.ocr.Point;
import dev.trellis.samples.tagging.ocr.TextBox;
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

    /** A line as {@code POST /tag} answers it: corners rounded to whole pixels. */
    public static TextResult of(OcrLine line) {
        TextBox box = line.box();
        return new TextResult(line.text(), line.confidence(), List.of(Corner.of(box.topLeft()),
                Corner.of(box.topRight()), Corner.of(box.bottomRight()), Corner.of(box.bottomLeft())));
    }

    /** A corner of a text box, in pixels of the uploaded image. */
    public record Corner(int x, int y) {

        static Corner of(Point point) {
            return new Corner(Math.round(point.x()), Math.round(point.y()));
        }
    }
}
