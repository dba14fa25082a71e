package dev.trellis.samples.tagging;

import dev.trellis.samples.tagging.ocr.OcrModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the PaddleOCR models for the deployments that run them: the directory the system property
 * {@value OcrModelFiles#DIRECTORY_PROPERTY} or the environment variable {@value #ENV} names, else where
 * this module's build fetched them, seen from the repository root or from the module itself.
 */
final class ModelDirectory {

    static final String ENV = "TRELLIS_OCR_MODELS";
    private static final Path FETCHED = Path.of("target", "ocr-models", "package", "assets");
    private static final Path FROM_ROOT = Path.of("samples", "image-tagging").resolve(FETCHED);

    private ModelDirectory() {}

    static OcrModelFiles files() {
        String property = System.getProperty(OcrModelFiles.DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return OcrModelFiles.in(Path.of(property));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return OcrModelFiles.in(Path.of(env));
        }
        return OcrModelFiles.in(Files.isDirectory(FROM_ROOT) ? FROM_ROOT : FETCHED);
    }
}
