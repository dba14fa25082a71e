package dev.trellis.samples.tagging;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.ocr.CharacterDictionary;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;

/**
 * The PaddleOCR models, opened once for all the tests of a JVM: opening them takes a while, and models
 * and pipeline are thread-safe and keep no state between calls. They are freed with the JVM. The
 * directory comes from the build ({@code trellis.ocr.models}).
 */
public final class TestModels {

    private static final OnnxSettings SETTINGS = OnnxSettings.cpu(2);

    private static OcrPipeline pipeline;
    private static OnnxModel detector;
    private static OnnxModel classifier;
    private static OnnxModel recognizer;
    private static CharacterDictionary dictionary;

    private TestModels() {}

    public static OcrModelFiles files() {
        return OcrModelFiles.fromSystemProperty();
    }

    /** The monolith, with models of its own. */
    public static synchronized OcrPipeline pipeline() {
        if (pipeline == null) {
            pipeline = OcrPipeline.open(files(), SETTINGS);
        }
        return pipeline;
    }

    /** The detector alone, for tests that run the steps one by one. */
    public static synchronized OnnxModel detector() {
        if (detector == null) {
            detector = OnnxModel.open(files().detector(), SETTINGS);
        }
        return detector;
    }

    public static synchronized OnnxModel classifier() {
        if (classifier == null) {
            classifier = OnnxModel.open(files().classifier(), SETTINGS);
        }
        return classifier;
    }

    public static synchronized OnnxModel recognizer() {
        if (recognizer == null) {
            recognizer = OnnxModel.open(files().recognizer(), SETTINGS);
        }
        return recognizer;
    }

    public static synchronized CharacterDictionary dictionary() {
        if (dictionary == null) {
            dictionary = CharacterDictionary.load(files().keys());
        }
        return dictionary;
    }
}
