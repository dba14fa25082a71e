package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Several images through the detector in one run. Images of different sizes share the largest size of
 * the batch: each is padded at the right and bottom with zeros, which after normalisation is the mean
 * colour, a flat background the detector finds no text in; each map is cut back to its own size after.
 */
public final class DetectionBatch {

    private DetectionBatch() {}

    /** The detector's input for {@code inputs}: float {@code [n, 3, maxHeight, maxWidth]}. */
    public static FloatTensor stack(List<DetectionInput> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("A detection batch needs at least one image");
        }
        if (inputs.size() == 1) {
            return inputs.get(0).tensor();
        }
        int height = inputs.stream().mapToInt(DetectionInput::inputHeight).max().orElseThrow();
        int width = inputs.stream().mapToInt(DetectionInput::inputWidth).max().orElseThrow();
        int plane = height * width;
        float[] data = new float[Math.multiplyExact(inputs.size() * 3, plane)];
        for (int n = 0; n < inputs.size(); n++) {
            DetectionInput input = inputs.get(n);
            float[] source = input.tensor().data();
            int h = input.inputHeight();
            int w = input.inputWidth();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(source, (c * h + y) * w, data, (n * 3 + c) * plane + y * width, w);
                }
            }
        }
        return new FloatTensor(new long[] {inputs.size(), 3, height, width}, data);
    }

    /**
     * The detector's output {@code [n, 1, height, width]} for {@code inputs}, as one map per image cut to
     * that image's scaled size.
     */
    public static List<ProbabilityMap> split(FloatTensor output, List<DetectionInput> inputs) {
        int count = output.dim(0, 4, "The detector's output");
        int height = output.dim(2, 4, "The detector's output");
        int width = output.dim(3, 4, "The detector's output");
        if (count != inputs.size() || output.shape()[1] != 1) {
            throw new IllegalArgumentException("The detector's output " + output + " does not answer "
                    + inputs.size() + " images");
        }
        List<ProbabilityMap> maps = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            DetectionInput input = inputs.get(n);
            int h = input.inputHeight();
            int w = input.inputWidth();
            if (h > height || w > width) {
                throw new IllegalArgumentException("The detector's output " + output + " is smaller than image " + n
                        + "'s input, " + w + "×" + h);
            }
            float[] values = new float[h * w];
            for (int y = 0; y < h; y++) {
                System.arraycopy(output.data(), n * height * width + y * width, values, y * w, w);
            }
            maps.add(new ProbabilityMap(input.imageWidth(), input.imageHeight(), w, h, values));
        }
        return maps;
    }
}
