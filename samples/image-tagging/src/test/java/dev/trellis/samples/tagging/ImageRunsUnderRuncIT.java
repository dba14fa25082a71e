package dev.trellis.samples.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.samples.tagging.TextImages.Style;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the image the build made (target/jib-image.tar) with no Docker daemon, as a cluster's runtime would:
 * skopeo turns the tarball into an OCI layout, umoci unpacks it into a runtime bundle, runc runs it. The
 * models come from a bind mount at the image's model path, as a volume would bring them. The application
 * inside must answer a real photo.
 *
 * <p>The three tools come from Debian's packages ({@code .ci/run} installs them) and runc needs root. Where
 * they are missing the test is skipped with a message, unless {@code TRELLIS_IMAGE_TEST=required} (as CI
 * sets it), where it fails.
 */
class ImageRunsUnderRuncIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final String CONTAINER_PREFIX = "trellis-it-";
    private final String container = CONTAINER_PREFIX + ProcessHandle.current().pid();
    private Path work;
    private Process runc;

    @Test
    void theImageServesAPhotoUnderRunc() throws Exception {
        requireTools();
        Path tar = Path.of(System.getProperty("trellis.image.tar"));
        assertTrue(Files.isRegularFile(tar), "the build made no image at " + tar);
        removeStaleContainers(); // of an earlier run whose JVM was killed before it cleaned up
        work = Files.createDirectories(tar.resolveSibling("runc-it"));
        deleteRecursively(work.resolve("oci"));
        deleteRecursively(work.resolve("bundle"));
        run("skopeo", "copy", "--quiet", "docker-archive:" + tar, "oci:" + work.resolve("oci") + ":trellis");
        run("umoci", "unpack", "--image", work.resolve("oci") + ":trellis", work.resolve("bundle").toString());
        Path rootfs = work.resolve("bundle/rootfs");
        try (Stream<Path> libs = Files.list(rootfs.resolve("app/libs"))) {
            assertTrue(libs.anyMatch(jar -> jar.getFileName().toString().startsWith("trellis-kubernetes")),
                    "the image carries the Kubernetes backend for its controller");
        }

        int port = freePort();
        configure(work.resolve("bundle/config.json"), port);
        Path log = work.resolve("runc.log");
        runc = new ProcessBuilder("runc", "run", "--bundle", work.resolve("bundle").toString(), container)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitHealthy(client, port, log);
        byte[] png = TextImages.png(TextImages.render(Style.plain(), "HELLO 2026"));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tag"))
                .header("Content-Type", "image/png").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = JSON.readTree(response.body());
        List<String> texts = new ArrayList<>();
        report.path("texts").forEach(text -> texts.add(text.path("text").asText()));
        assertEquals(List.of("HELLO 2026"), texts, response.body());
        assertTrue(report.path("tags").toString().contains("has-text"), response.body());
    }

    /** The image as it is, but on the host's network (a free port) and with the models mounted read-only. */
    private static void configure(Path configJson, int port) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(configJson.toFile());
        ObjectNode process = (ObjectNode) config.path("process");
        process.put("terminal", false);
        ArrayNode args = (ArrayNode) process.path("args");
        // On the host's network: the admin API, at the port after by default, could find that port taken.
        ArrayNode withPort = JSON.createArrayNode().add(args.get(0)).add("-Dtrellis.port=" + port)
                .add("-Dtrellis.adminPort=off");
        for (int i = 1; i < args.size(); i++) {
            withPort.add(args.get(i));
        }
        process.set("args", withPort);
        ArrayNode namespaces = JSON.createArrayNode();
        config.path("linux").path("namespaces").forEach(namespace -> {
            if (!namespace.path("type").asText().equals("network")) {
                namespaces.add(namespace);
            }
        });
        ((ObjectNode) config.path("linux")).set("namespaces", namespaces);
        ObjectNode models = JSON.createObjectNode();
        models.put("destination", System.getProperty("trellis.image.modelPath"));
        models.put("type", "bind");
        models.put("source", Path.of(System.getProperty("trellis.ocr.models")).toAbsolutePath().toString());
        models.set("options", JSON.createArrayNode().add("rbind").add("ro"));
        ((ArrayNode) config.path("mounts")).add(models);
        JSON.writeValue(configJson.toFile(), config);
    }

    private void awaitHealthy(HttpClient client, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!runc.isAlive()) {
                fail("the container stopped (exit " + runc.exitValue() + "):\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/observe/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("the application in the container did not become healthy in " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    @AfterEach
    void stopTheContainer() throws Exception {
        if (runc != null) {
            run(Duration.ofSeconds(30), "runc", "kill", container, "KILL"); // may fail: it may have stopped already
            if (!runc.waitFor(30, TimeUnit.SECONDS)) {
                runc.destroyForcibly();
            }
            Finished deleted = run(Duration.ofSeconds(30), "runc", "delete", "--force", container);
            assertTrue(deleted.status() == 0 || !listed(container), "runc delete " + container + ": " + deleted.output());
        }
        if (work != null) {
            deleteRecursively(work.resolve("bundle")); // the unpacked image is as large as the image
            deleteRecursively(work.resolve("oci"));
        }
    }

    private static void removeStaleContainers() throws Exception {
        for (String line : run(Duration.ofSeconds(30), "runc", "list", "-q").output().split("\n")) {
            if (line.startsWith(CONTAINER_PREFIX)) {
                run(Duration.ofSeconds(30), "runc", "delete", "--force", line.strip());
            }
        }
    }

    private static boolean listed(String container) throws Exception {
        return List.of(run(Duration.ofSeconds(30), "runc", "list", "-q").output().split("\n")).contains(container);
    }

    private static void requireTools() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("skopeo", "umoci", "runc")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        boolean root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        if (missing.isEmpty() && root) {
            return;
        }
        String why = (missing.isEmpty() ? "" : "missing " + String.join(", ", missing)
                + " (apt-get install skopeo umoci runc); ") + (root ? "" : "runc needs root");
        if ("required".equals(System.getenv("TRELLIS_IMAGE_TEST"))) {
            fail("The image test cannot run: " + why);
        }
        Assumptions.abort("The image test needs skopeo, umoci and runc as root: " + why);
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(String... command) throws Exception {
        Finished finished = run(Duration.ofMinutes(5), command);
        assertEquals(0, finished.status(), String.join(" ", command) + ": " + finished.output());
    }

    private record Finished(int status, String output) {}

    /** Runs a command to its end within {@code deadline}, its output kept in a file so that it cannot block. */
    private static Finished run(Duration deadline, String... command) throws Exception {
        Path output = Files.createTempFile("trellis-it", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + deadline);
            }
            return new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
