package dev.trellis.benchmarks;

import dev.trellis.runtime.onnx.OnnxModel;
import dev.trellis.runtime.onnx.OnnxSettings;
import dev.trellis.runtime.onnx.Tensor;
import dev.trellis.samples.tagging.ocr.DetectionPreprocessor;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import dev.trellis.samples.tagging.ocr.OcrPipeline;
import dev.trellis.samples.tagging.ocr.OrientationClassification;
import dev.trellis.samples.tagging.ocr.RgbImage;
import dev.trellis.samples.tagging.ocr.SimilarSizeBatches;
import dev.trellis.samples.tagging.ocr.TextCropper;
import dev.trellis.samples.tagging.ocr.TextRecognition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The models' own limit on these cores: how many of the benchmark's images per second the three
 * PaddleOCR models run, and nothing else. Every input tensor an image needs (the detector's, the
 * classifier's and recogniser's batches of its crops, as {@link OcrPipeline} cuts them) is made before
 * the clock starts; then one worker per core, each with its own three sessions of one intra-op thread
 * (as each Trellis replica has), runs the images' models round-robin. No decoding, no pre- or
 * post-processing, no serving: a pipeline's throughput divided by this says how much of the machine
 * went to the models. Prints one line of JSON. {@code ModelBound <images folder> <seconds> [workers]}.
 */
public final class ModelBound {

    private ModelBound() {}

    /** The model runs of one image: a model index (0 detector, 1 classifier, 2 recogniser) and its input. */
    private record Run(int model, Tensor input) {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        OcrModelFiles files = OcrModelFiles.fromSystemProperty();
        List<List<Run>> images = prepare(folder, files);

        LongAdder done = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int first = w;
            threads.add(Thread.ofPlatform().start(() -> {
                OnnxSettings settings = OnnxSettings.cpu(1);
                try (OnnxModel detector = OnnxModel.open(files.detector(), settings);
                        OnnxModel classifier = OnnxModel.open(files.classifier(), settings);
                        OnnxModel recognizer = OnnxModel.open(files.recognizer(), settings)) {
                    OnnxModel[] models = {detector, classifier, recognizer};
                    for (int i = first; !stop.get(); i++) {
                        for (Run run : images.get(i % images.size())) {
                            models[run.model()].run(run.input());
                        }
                        if (measuring.get()) {
                            done.increment();
                        }
                    }
                }
            }));
        }
        Thread.sleep((long) (seconds * 1000 / 4)); // warm-up: a quarter of the time
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(java.util.Locale.ROOT, "{\"images_per_s\":%.3f,\"workers\":%d,\"images\":%d}%n",
                done.sum() / elapsed, workers, images.size());
    }

    private static List<List<Run>> prepare(Path folder, OcrModelFiles files) throws Exception {
        ImageDecoding decoding = ImageDecoding.create();
        DetectionPreprocessor preprocessor = DetectionPreprocessor.create();
        List<List<Run>> images = new ArrayList<>();
        try (OcrPipeline pipeline = OcrPipeline.open(files, OnnxSettings.cpu(1))) {
            try (var entries = Files.list(folder)) {
                for (Path file : entries.filter(f -> !f.toString().endsWith(".json")).sorted().toList()) {
                    String type = file.toString().endsWith(".png") ? "image/png" : "image/jpeg";
                    RgbImage image = decoding.decode(Files.readAllBytes(file), type).pixels();
                    List<RgbImage> crops = TextCropper.crop(image, pipeline.detect(image));
                    List<Run> runs = new ArrayList<>();
                    runs.add(new Run(0, preprocessor.prepare(image).tensor().toTensor()));
                    SimilarSizeBatches.sortedBy(crops, SimilarSizeBatches::aspectRatio, OcrPipeline.BATCH, batch -> {
                        runs.add(new Run(1, OrientationClassification.prepare(batch).toTensor()));
                        runs.add(new Run(2, TextRecognition.prepare(batch).toTensor()));
                        return batch;
                    });
                    images.add(runs);
                }
            }
        }
        return images;
    }
}
