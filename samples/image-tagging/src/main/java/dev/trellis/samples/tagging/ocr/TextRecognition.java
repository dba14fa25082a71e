package dev.trellis.samples.tagging.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps around the recogniser ({@code ch_PP-OCRv4_rec}): its input for a batch of upright crops,
 * and its output read as text by greedy CTC decoding (PaddleOCR's {@code CTCLabelDecode}): the most
 * likely class at each step, repeats merged, blanks dropped, and the confidence the mean probability of
 * the characters kept.
 */
public final class TextRecognition {

    /** The recogniser's input height. */
    public static final int HEIGHT = 48;
    /** The narrowest batch, PaddleOCR's {@code rec_image_shape} width: shorter lines are padded to it. */
    public static final int MIN_WIDTH = 320;
    /**
     * The widest batch: a longer line is squeezed to it. 3,200 pixels at height 48 hold some 150
     * characters, more than a line in a photo has; it bounds the memory a batch takes.
     */
    public static final int MAX_WIDTH = 3200;

    private TextRecognition() {}

    /**
     * The recogniser's input: float {@code [crops, 3, 48, width]}, the width that of the widest crop scaled
     * to height 48, between {@value #MIN_WIDTH} and {@value #MAX_WIDTH}. Batches of crops with similar
     * aspect ratios waste the least on padding.
     */
    public static FloatTensor prepare(List<RgbImage> crops) {
        long widest = MIN_WIDTH;
        for (RgbImage crop : crops) {
            widest = Math.max(widest, LineTensors.scaledWidth(crop, HEIGHT));
        }
        return LineTensors.of(crops, HEIGHT, (int) Math.min(widest, MAX_WIDTH));
    }

    /**
     * The text of each crop from the recogniser's output, float {@code [crops, steps, classes]} of
     * probabilities, with {@code dictionary}'s classes.
     */
    public static List<RecognizedText> read(FloatTensor output, CharacterDictionary dictionary) {
        int count = output.dim(0, 3, "The recogniser's output");
        int steps = output.dim(1, 3, "The recogniser's output");
        int classes = output.dim(2, 3, "The recogniser's output");
        if (classes != dictionary.classCount()) {
            throw new IllegalArgumentException("The recogniser's output has " + classes + " classes, but its"
                    + " dictionary " + dictionary.classCount() + ": the key file does not belong to this model");
        }
        float[] p = output.data();
        List<RecognizedText> texts = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            StringBuilder text = new StringBuilder();
            double confidence = 0;
            int kept = 0;
            int previous = -1;
            for (int t = 0; t < steps; t++) {
                int offset = (n * steps + t) * classes;
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[offset + c] > p[offset + best]) {
                        best = c;
                    }
                }
                // A character held over several steps is one character; a blank between two is two.
                if (best != 0 && best != previous) {
                    text.append(dictionary.symbol(best));
                    confidence += p[offset + best];
                    kept++;
                }
                previous = best;
            }
            texts.add(new RecognizedText(text.toString(), kept == 0 ? 0 : (float) (confidence / kept)));
        }
        return texts;
    }
}
