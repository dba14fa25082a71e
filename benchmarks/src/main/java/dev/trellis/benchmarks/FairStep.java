package dev.trellis.benchmarks;

import java.util.Locale;

/**
 * The processes of {@link FairMicroservices}, one JVM per replica: how many replicas each step has (what
 * the image-tagging sample reaches at full scale: {@code @Autoscaling(max = 2)} on {@code TextDetector}
 * and {@code TextRecognizer}, one of every other deployment), the heap each JVM gets (the sample's
 * {@code @Resources(memoryMb)} for that deployment) and the path it serves.
 */
enum FairStep {
    FRONT("/tag", 1, 512),
    PREPROCESS("/preprocess", 1, 1024),
    DETECT("/detect", 2, 1024),
    CLASSIFY("/classify", 1, 256),
    RECOGNIZE("/recognize", 2, 1024),
    TAG("/tag", 1, 128);

    private final String path;
    private final int replicas;
    private final int heapMb;

    FairStep(String path, int replicas, int heapMb) {
        this.path = path;
        this.replicas = replicas;
        this.heapMb = heapMb;
    }

    /** Its name on a command line: {@code front}, {@code detect}, … */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FairStep of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    String path() {
        return path;
    }

    int replicas() {
        return replicas;
    }

    /** The {@code -Xmx} of each of its JVMs. */
    String heapOption() {
        return "-Xmx" + heapMb + "m";
    }
}
