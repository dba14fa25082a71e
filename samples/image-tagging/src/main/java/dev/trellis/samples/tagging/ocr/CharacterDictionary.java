package dev.trellis.samples.tagging.ocr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recogniser's classes: the CTC blank (class 0), the characters of the key file, one a line, and a
 * space last, as PaddleOCR's {@code CTCLabelDecode} builds them with {@code use_space_char}.
 */
public final class CharacterDictionary {

    private final List<String> symbols; // by class; the blank is ""

    private CharacterDictionary(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
    }

    /**
     * Reads the keys in {@code file} (UTF-8, one character a line, as {@code ppocr_keys_v1.txt}).
     *
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException if it holds no keys
     */
    public static CharacterDictionary load(Path file) {
        try {
            return of(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the recogniser's keys " + file, e);
        }
    }

    /** The dictionary of {@code keys}, in class order from class 1. */
    public static CharacterDictionary of(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("The recogniser's key list is empty");
        }
        List<String> symbols = new ArrayList<>(keys.size() + 2);
        symbols.add("");
        for (String key : keys) {
            symbols.add(key.replace("\r", ""));
        }
        symbols.add(" ");
        return new CharacterDictionary(symbols);
    }

    /** The number of classes, blank and space included: what the recogniser's last dimension must be. */
    public int classCount() {
        return symbols.size();
    }

    /** The text of {@code classIndex}; the blank's is empty. */
    public String symbol(int classIndex) {
        return symbols.get(classIndex);
    }
}
