package dev.trellis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages and the one direction of their arrows, as {@code docs/architecture.md} draws
 * them: a package imports only packages of lower layers. Read from the main sources, so that an upward
 * import fails the build instead of waiting for a reviewer.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/trellis/runtime");
    private static final String ROOT = "dev.trellis.runtime";
    private static final Pattern IMPORT = Pattern.compile("(?:import\\s+(?:static\\s+)?|[^\\w.])"
            + "dev\\.trellis\\.runtime((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** Each package's layer, lowest first; packages of one layer do not import each other. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("time", 0),
            Map.entry("wire", 1),
            Map.entry("flow", 2),
            Map.entry("tracing", 2), // the OpenTelemetry SDK of the process and the spans Trellis writes
            Map.entry("", 3), // the user API
            Map.entry("graph", 4),
            Map.entry("stats", 4), // what a replica counts of its work, reported in every topology
            Map.entry("config", 5),
            Map.entry("grpc", 6),
            Map.entry("kubernetes", 12), // the manifests: how the edges (TrellisMain, ReplicaMain) run as pods; tools use it
            Map.entry("routing", 7),
            Map.entry("replica", 8),
            Map.entry("control", 9),
            Map.entry("topology.local", 10),
            Map.entry("topology.process", 10),
            Map.entry("server", 11),
            Map.entry("onnx", 12)); // a library for user code: it uses the user API, nothing uses it

    @Test
    void everyPackageHasALayerAndTheOldNamesAreGone() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (Path file : sources()) {
            packages.add(packageOf(file));
        }
        TreeSet<String> unplaced = new TreeSet<>(packages);
        unplaced.removeAll(LAYERS.keySet());
        assertEquals(new TreeSet<>(), unplaced, "packages without a layer: add them here and to docs/architecture.md");
        assertTrue(!packages.contains("local") && !packages.contains("spi") && !packages.contains("process"));
    }

    @Test
    void noPackageImportsOneOfItsOwnLayerOrAbove() throws IOException {
        List<String> upward = new ArrayList<>();
        for (Path file : sources()) {
            String from = packageOf(file);
            Matcher references = IMPORT.matcher(Files.readString(file));
            while (references.find()) {
                String to = references.group(1).isEmpty() ? "" : references.group(1).substring(1);
                if (to.equals(from) || !LAYERS.containsKey(to)) {
                    continue;
                }
                if (LAYERS.get(to) >= LAYERS.get(from)) {
                    upward.add(SOURCES.relativize(file) + " uses " + ROOT + (to.isEmpty() ? "" : "." + to));
                }
            }
        }
        assertEquals(List.of(), upward.stream().distinct().sorted().toList());
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        Path directory = SOURCES.relativize(file.getParent());
        return directory.toString().replace('/', '.');
    }
}
