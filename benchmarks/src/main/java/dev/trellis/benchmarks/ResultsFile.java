package dev.trellis.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A flat JSON object of figures, written in the order they were put. */
final class ResultsFile {

    private final Map<String, Object> figures = new LinkedHashMap<>();

    ResultsFile put(String key, Object value) {
        if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            throw new IllegalArgumentException(key + " is not a number: " + number);
        }
        figures.put(key, value);
        return this;
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> figure : figures.entrySet()) {
            json.append("  ").append(quote(figure.getKey())).append(": ").append(value(figure.getValue()));
            json.append(++i < figures.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static String value(Object value) {
        if (value instanceof Double number) {
            return String.format(java.util.Locale.ROOT, "%.3f", number);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
