package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts each text box out of the image as an upright rectangle, as the recogniser wants its lines
 * (PaddleOCR's {@code get_rotate_crop_image}): the box's quadrilateral is warped onto a rectangle as
 * wide as its longer horizontal edge and as high as its longer vertical edge. A crop at least 1.5 times
 * as high as it is wide holds vertical text, and is turned a quarter anticlockwise to lie along a line.
 */
public final class TextCropper {

    private static final double VERTICAL_RATIO = 1.5;

    private TextCropper() {}

    /** One crop per box, in the boxes' order. */
    public static List<RgbImage> crop(RgbImage image, List<TextBox> boxes) {
        List<RgbImage> crops = new ArrayList<>(boxes.size());
        for (TextBox box : boxes) {
            crops.add(crop(image, box));
        }
        return crops;
    }

    public static RgbImage crop(RgbImage image, TextBox box) {
        int width = Math.max(1, (int) box.width());
        int height = Math.max(1, (int) box.height());
        double[][] rectangle = {{0, 0}, {width, 0}, {width, height}, {0, height}};
        double[][] quad = new double[4][];
        List<Point> corners = box.corners();
        for (int i = 0; i < 4; i++) {
            quad[i] = new double[] {corners.get(i).x(), corners.get(i).y()};
        }
        // Map each crop pixel back into the image and sample there, so every crop pixel gets a value.
        Homography toImage = Homography.mapping(rectangle, quad);
        byte[] out = new byte[width * height * 3];
        double[] at = new double[2];
        float[] pixel = new float[3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                toImage.apply(x, y, at);
                Resampling.sample(image, at[0], at[1], pixel);
                out[o++] = (byte) Math.round(pixel[0]);
                out[o++] = (byte) Math.round(pixel[1]);
                out[o++] = (byte) Math.round(pixel[2]);
            }
        }
        RgbImage crop = new RgbImage(width, height, out);
        return height >= VERTICAL_RATIO * width ? ImageRotation.rotate90Anticlockwise(crop) : crop;
    }
}
