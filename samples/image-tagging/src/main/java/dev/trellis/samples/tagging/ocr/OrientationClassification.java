package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps around the direction classifier ({@code ch_ppocr_mobile_v2.0_cls}), which tells a text line
 * that is upright from one that is upside down: its input for a batch of crops, its output read as
 * orientations, and the crops turned upright. As in PaddleOCR, a line is turned only when the classifier
 * is more than 90% sure it is upside down: turning a good line is worse than leaving a bad one.
 */
public final class OrientationClassification {

    /** The classifier's input height. */
    public static final int HEIGHT = 48;
    /** The classifier's input width; wider lines are squeezed to it. */
    public static final int WIDTH = 192;
    /** PaddleOCR's {@code cls_thresh}. */
    public static final float THRESHOLD = 0.9f;

    private OrientationClassification() {}

    /** The classifier's input: float {@code [crops, 3, 48, 192]}. */
    public static FloatTensor prepare(List<RgbImage> crops) {
        return LineTensors.of(crops, HEIGHT, WIDTH);
    }

    /** One orientation per crop from the classifier's output, float {@code [crops, 2]} (0°, 180°). */
    public static List<Orientation> read(FloatTensor output) {
        int count = output.dim(0, 2, "The direction classifier's output");
        if (output.shape()[1] != 2) {
            throw new IllegalArgumentException("The direction classifier's output is [n, 2] (0°, 180°), was "
                    + output);
        }
        float[] p = output.data();
        List<Orientation> orientations = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            float upsideDown = p[2 * n + 1];
            orientations.add(upsideDown > THRESHOLD ? new Orientation(180, upsideDown)
                    : new Orientation(0, p[2 * n]));
        }
        return orientations;
    }

    /** The crops, those upside down turned. */
    public static List<RgbImage> upright(List<RgbImage> crops, List<Orientation> orientations) {
        if (crops.size() != orientations.size()) {
            throw new IllegalArgumentException(crops.size() + " crops but " + orientations.size() + " orientations");
        }
        List<RgbImage> upright = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            RgbImage crop = crops.get(i);
            upright.add(orientations.get(i).degrees() == 180 ? ImageRotation.rotate180(crop) : crop);
        }
        return upright;
    }
}
