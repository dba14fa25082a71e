package dev.trellis.samples.tagging.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrModelFilesTest {

    @TempDir
    Path directory;

    @Test
    void findsTheFourFilesByTheirPublishedNames() throws IOException {
        for (String name : new String[] {OcrModelFiles.DETECTOR, OcrModelFiles.CLASSIFIER, OcrModelFiles.RECOGNIZER,
                OcrModelFiles.KEYS}) {
            Files.writeString(directory.resolve(name), "x");
        }
        OcrModelFiles files = OcrModelFiles.in(directory);
        assertEquals(directory.resolve("ch_PP-OCRv4_det_infer.onnx"), files.detector());
        assertEquals(directory.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx"), files.classifier());
        assertEquals(directory.resolve("ch_PP-OCRv4_rec_infer.onnx"), files.recognizer());
        assertEquals(directory.resolve("ppocr_keys_v1.txt"), files.keys());
    }

    @Test
    void listsEveryMissingFileAndSaysHowToGetThem() throws IOException {
        Files.writeString(directory.resolve(OcrModelFiles.DETECTOR), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcrModelFiles.in(directory));
        assertTrue(e.getMessage().contains("lacks ch_ppocr_mobile_v2.0_cls_infer.onnx, ch_PP-OCRv4_rec_infer.onnx,"
                + " ppocr_keys_v1.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dtrellis.ocr.models="), e.getMessage());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = directory.resolve("nowhere");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcrModelFiles.in(missing));
        assertTrue(e.getMessage().contains(missing.toString() + " does not exist"), e.getMessage());
    }

    @Test
    void theBuildPointsTheTestsAtTheFetchedModels() {
        OcrModelFiles files = OcrModelFiles.fromSystemProperty();
        assertTrue(Files.isRegularFile(files.detector()), files.detector().toString());
    }
}
