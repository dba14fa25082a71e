package dev.trellis.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the performance benchmark's uploads into a folder, so that every load generator and every peer
 * (the Ray Serve port included) posts the same bytes: the eight labels ({@link LabelImages}, PNG) and the
 * photo-sized scenes ({@link SceneImages}, JPEG), and {@code expected.json}, which maps each file's name to
 * the lines a reader must answer, top to bottom. Run: {@code PerfImages <folder>}.
 */
public final class PerfImages {

    private PerfImages() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: PerfImages <folder>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        write(Path.of(args[0]));
    }

    /** Writes the images and {@code expected.json} into {@code folder}; returns the files written, images first. */
    static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        StringBuilder expected = new StringBuilder("{\n");
        List<LabelImages.Label> labels = LabelImages.render();
        List<LabelImages.Label> scenes = SceneImages.render();
        for (int i = 0; i < labels.size() + scenes.size(); i++) {
            boolean label = i < labels.size();
            LabelImages.Label image = label ? labels.get(i) : scenes.get(i - labels.size());
            String name = label ? String.format("label-%d.png", i + 1)
                    : String.format("scene-%d.jpg", i - labels.size() + 1);
            Path file = folder.resolve(name);
            Files.write(file, image.png());
            written.add(file);
            expected.append("  \"").append(name).append("\": [");
            for (int j = 0; j < image.lines().size(); j++) {
                expected.append(j == 0 ? "" : ", ").append('"').append(image.lines().get(j)).append('"');
            }
            expected.append(i + 1 < labels.size() + scenes.size() ? "],\n" : "]\n");
        }
        Path expectedFile = folder.resolve("expected.json");
        Files.writeString(expectedFile, expected.append("}\n"), StandardCharsets.UTF_8);
        written.add(expectedFile);
        return written;
    }
}
