package dev.trellis.samples.tagging.ocr;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * All the OCR steps in one process, with the three models: detect the text boxes, crop them, turn those
 * upside down, read them, join them into lines. The steps are the ones the distributed pipeline runs one per deployment; this
 * is that pipeline as a monolith, for tests and as the baseline benchmarks compare against. Thread-safe;
 * close it to free the models.
 */
public final class OcrPipeline implements AutoCloseable {

    /**
     * Crops per classifier or recogniser run. Crops are sorted by aspect ratio first, so a batch pads its
     * lines to about the same width (PaddleOCR's {@code rec_batch_num}).
     */
    public static final int BATCH = 6;

    private final OnnxModel detector;
    private final OnnxModel classifier;
    private final OnnxModel recognizer;
    private final CharacterDictionary dictionary;
    private final DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
    private final DbPostprocessor postprocessor = DbPostprocessor.create();

    private OcrPipeline(OnnxModel detector, OnnxModel classifier, OnnxModel recognizer,
            CharacterDictionary dictionary) {
        this.detector = detector;
        this.classifier = classifier;
        this.recognizer = recognizer;
        this.dictionary = dictionary;
    }

    /** Opens the three models in {@code files} with {@code settings}. */
    public static OcrPipeline open(OcrModelFiles files, OnnxSettings settings) {
        CharacterDictionary dictionary = CharacterDictionary.load(files.keys());
        List<OnnxModel> opened = new ArrayList<>();
        try {
            opened.add(OnnxModel.open(files.detector(), settings));
            opened.add(OnnxModel.open(files.classifier(), settings));
            opened.add(OnnxModel.open(files.recognizer(), settings));
        } catch (RuntimeException | Error e) {
            opened.forEach(OnnxModel::close); // a model holds native memory: never leak the ones that opened
            throw e;
        }
        return new OcrPipeline(opened.get(0), opened.get(1), opened.get(2), dictionary);
    }

    public OcrResult read(DecodedImage image) {
        return read(image.pixels());
    }

    /**
     * The text lines in {@code image}, in reading order; text read with a confidence under
     * {@value TextLines#MIN_CONFIDENCE} is left out.
     */
    public OcrResult read(RgbImage image) {
        List<TextBox> boxes = detect(image);
        List<RgbImage> crops = TextCropper.crop(image, boxes);
        List<Orientation> orientations = SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, BATCH, batch -> OrientationClassification.read(
                FloatTensor.of(classifier.run(OrientationClassification.prepare(batch).toTensor()))));
        List<RgbImage> upright = OrientationClassification.upright(crops, orientations);
        List<RecognizedText> texts = SimilarSizeBatches.sortedBy(upright, SimilarSizeBatches::aspectRatio, BATCH, batch -> TextRecognition.read(
                FloatTensor.of(recognizer.run(TextRecognition.prepare(batch).toTensor())), dictionary));
        return new OcrResult(image.width(), image.height(), TextLines.assemble(boxes, texts));
    }

    /** The text boxes in {@code image}: the first three steps. */
    public List<TextBox> detect(RgbImage image) {
        DetectionInput input = preprocessor.prepare(image);
        FloatTensor output = FloatTensor.of(detector.run(input.tensor().toTensor()));
        return postprocessor.boxes(DetectionBatch.split(output, List.of(input)).get(0));
    }

    @Override
    public void close() {
        detector.close();
        classifier.close();
        recognizer.close();
    }
}
