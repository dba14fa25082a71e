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

    private final String container = "trellis-it-" + ProcessHandle.current().pid();
    private Path work;
    private Process runc;

    @Test
    void theImageServesAPhotoUnderRunc() throws Exception {
        requireTools();
        Path tar = Path.of(System.getProperty("trellis.image.tar"));
        assertTrue(Files.isRegularFile(tar), "the build made no image at " + tar);
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
        ArrayNode withPort = JSON.createArrayNode().add(args.get(0)).add("-Dtrellis.port=" + port);
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
                        URI.create("http://127.0.0.1:" + port + "/-/healthz")).timeout(Duration.ofSeconds(2)).build(),
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
            new ProcessBuilder("runc", "kill", container, "KILL").redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
            runc.waitFor(30, TimeUnit.SECONDS);
            new ProcessBuilder("runc", "delete", "--force", container).redirectErrorStream(true).start().waitFor(30,
                    TimeUnit.SECONDS);
        }
        if (work != null) {
            deleteRecursively(work.resolve("bundle")); // the unpacked image is as large as the image
            deleteRecursively(work.resolve("oci"));
        }
    }

    private static void requireTools() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("skopeo", "umoci", "runc")) {
            if (!onPath(tool)) {
                missing.add(tool);
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
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
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
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
