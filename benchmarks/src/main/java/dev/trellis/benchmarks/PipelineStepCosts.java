package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.benchmarks.LabelImages.Label;
import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.samples.tagging.PreparedImage;
import dev.trellis.samples.tagging.ocr.CharacterDictionary;
import dev.trellis.samples.tagging.ocr.DbPostprocessor;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.DetectionBatch;
import dev.trellis.samples.tagging.ocr.DetectionInput;
import dev.trellis.samples.tagging.ocr.DetectionPreprocessor;
import dev.trellis.samples.tagging.ocr.FloatTensor;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.TextBox;
import dev.trellis.samples.tagging.ocr.TextCropper;
import dev.trellis.samples.tagging.ocr.TextRecognition;
import dev.trellis.samples.tagging.tags.ImageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What each step of the image-tagging pipeline costs on one thread, for the labels of
 * {@link PipelineBenchmark}: the figures docs/benchmarks.md explains the pipeline's results with. Prints,
 * for one image at a time, the time of each step; the models' time per input in batches of several
 * inputs padded to the largest (as cross-request batches are); and the size and Jackson time of the JSON
 * the microservices send with the detector's input in it. Run it with
 * {@code mvn -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.PipelineStepCosts}.
 */
public final class PipelineStepCosts {

    private static final int REPEATS = Integer.getInteger("bench.repeats", 5);

    private PipelineStepCosts() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        OcrModelFiles files = OcrModelFiles.fromSystemProperty();
        OnnxSettings settings = OnnxSettings.cpu(1);
        List<Label> labels = LabelImages.render();
        ImageDecoding decoding = ImageDecoding.create();
        DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
        DbPostprocessor postprocessor = DbPostprocessor.create();
        ObjectMapper json = new ObjectMapper();
        try (OnnxModel detector = OnnxModel.open(files.detector(), settings);
                OnnxModel classifier = OnnxModel.open(files.classifier(), settings);
                OnnxModel recognizer = OnnxModel.open(files.recognizer(), settings)) {
            CharacterDictionary dictionary = CharacterDictionary.load(files.keys());
            for (int repeat = 1; repeat <= REPEATS; repeat++) { // the first ones warm up
                long[] nanos = new long[7];
                List<DetectionInput> inputs = new ArrayList<>();
                List<PreparedImage> prepared = new ArrayList<>();
                List<RgbImage> crops = new ArrayList<>();
                for (Label label : labels) {
                    long t0 = System.nanoTime();
                    DecodedImage image = decoding.decode(label.png(), "image/png");
                    ImageStats stats = ImageStats.of(image.pixels());
                    long t1 = System.nanoTime();
                    DetectionInput input = preprocessor.prepare(image.pixels());
                    long t2 = System.nanoTime();
                    FloatTensor maps = FloatTensor.of(detector.run(input.tensor().toTensor()));
                    long t3 = System.nanoTime();
                    List<TextBox> boxes = postprocessor.boxes(DetectionBatch.split(maps, List.of(input)).get(0));
                    long t4 = System.nanoTime();
                    List<RgbImage> imageCrops = TextCropper.crop(image.pixels(), boxes);
                    long t5 = System.nanoTime();
                    OrientationClassification.read(FloatTensor.of(
                            classifier.run(OrientationClassification.prepare(imageCrops).toTensor())));
                    long t6 = System.nanoTime();
                    TextRecognition.read(FloatTensor.of(
                            recognizer.run(TextRecognition.prepare(imageCrops).toTensor())), dictionary);
                    long t7 = System.nanoTime();
                    long[] laps = {t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6};
                    for (int i = 0; i < laps.length; i++) {
                        nanos[i] += laps[i];
                    }
                    inputs.add(input);
                    prepared.add(new PreparedImage(image.format(), image.pixels(), input, stats));
                    crops.addAll(imageCrops);
                }
                System.out.printf(Locale.ROOT, "== repeat %d/%d: %d labels, %.2f crops each ==%n", repeat, REPEATS,
                        labels.size(), crops.size() / (double) labels.size());
                String[] steps = {"decode + colour stats", "detector input", "detection", "boxes", "crops",
                        "direction (one image's crops)", "recognition (one image's crops)"};
                long total = 0;
                for (int i = 0; i < steps.length; i++) {
                    System.out.printf(Locale.ROOT, "  %-32s %6.1f ms per image%n", steps[i], nanos[i] / 1e6 / labels.size());
                    total += nanos[i];
                }
                System.out.printf(Locale.ROOT, "  %-32s %6.1f ms per image%n", "all", total / 1e6 / labels.size());
                for (int size : new int[] {1, 2, 4}) {
                    System.out.printf(Locale.ROOT, "  detection in batches of %2d: %6.1f ms per image%n", size,
                            perItem(inputs, size, batch -> detector.run(DetectionBatch.stack(batch).toTensor())));
                }
                for (int size : new int[] {1, 4, 8, 16}) {
                    System.out.printf(Locale.ROOT, "  recognition in batches of %2d: %5.1f ms per crop, direction %4.1f ms"
                            + " per crop%n", size,
                            perItem(crops, size, batch -> recognizer.run(TextRecognition.prepare(batch).toTensor())),
                            perItem(crops, size, batch -> classifier.run(OrientationClassification.prepare(batch).toTensor())));
                }
                jsonCosts(json, prepared);
            }
        }
    }

    /** Milliseconds per item of running {@code run} on consecutive batches of {@code size} items. */
    private static <T> double perItem(List<T> items, int size, Function<List<T>, ?> run) {
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i + size <= items.size(); i += size) {
            run.apply(items.subList(i, i + size));
            done += size;
        }
        return (System.nanoTime() - start) / 1e6 / done;
    }

    /** The two microservice hops that carry the detector's input: preprocess → front, front → detect. */
    private static void jsonCosts(ObjectMapper json, List<PreparedImage> prepared) throws Exception {
        long bytes = 0;
        long inputBytes = 0;
        long[] nanos = new long[4];
        for (PreparedImage image : prepared) {
            long t0 = System.nanoTime();
            byte[] preparedJson = json.writeValueAsBytes(image);
            long t1 = System.nanoTime();
            json.readValue(preparedJson, PreparedImage.class);
            long t2 = System.nanoTime();
            byte[] inputJson = json.writeValueAsBytes(image.detection());
            long t3 = System.nanoTime();
            json.readValue(inputJson, DetectionInput.class);
            long t4 = System.nanoTime();
            bytes += preparedJson.length;
            inputBytes += inputJson.length;
            nanos[0] += t1 - t0;
            nanos[1] += t2 - t1;
            nanos[2] += t3 - t2;
            nanos[3] += t4 - t3;
        }
        int n = prepared.size();
        System.out.printf(Locale.ROOT, "  JSON of PreparedImage:  %.1f MB, write %5.1f ms, read %5.1f ms per image%n",
                bytes / 1e6 / n, nanos[0] / 1e6 / n, nanos[1] / 1e6 / n);
        System.out.printf(Locale.ROOT, "  JSON of DetectionInput: %.1f MB, write %5.1f ms, read %5.1f ms per image%n",
                inputBytes / 1e6 / n, nanos[2] / 1e6 / n, nanos[3] / 1e6 / n);
    }
}
