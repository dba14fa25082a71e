package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The performance benchmark's HTTP load, in a JVM of its own so that it never shares a heap, a JIT or a
 * garbage collector with what it measures: posts the uploads of a folder ({@link PerfImages}: each file
 * with its content type, the answer's {@code texts[].text} checked against {@code expected.json}) or one
 * fixed body, and prints one line of JSON with what it measured.
 *
 * <p>Two modes. <b>Closed loop</b> ({@code --clients N}): N clients, each sending its next request when
 * the last is answered. <b>Open loop</b> ({@code --rate R}): requests start at R per second on a fixed
 * schedule whatever the answers do, and a request's latency counts from when it was due, not when it
 * went out, so a stalled server cannot hide its stall (no coordinated omission). Only requests that end
 * inside the measured window, after the warm-up, count.
 *
 * <pre>LoadGenerator --url URL (--images DIR | --body FILE --content-type TYPE) (--clients N | --rate R)
 *     --warm-up SECONDS --seconds SECONDS [--count-containing TEXT]</pre>
 *
 * <p>With {@code --count-containing}, it also counts the measured answers whose body contains the text
 * ({@code "containing"}): which of two versions of a deployment answered, for a canary's share.
 */
public final class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Upload(String name, byte[] body, String contentType, List<String> expected) {}

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI uri = URI.create(required(options, "url"));
        List<Upload> uploads = options.containsKey("images") ? uploads(Path.of(options.get("images")))
                : List.of(new Upload("body", Files.readAllBytes(Path.of(required(options, "body"))),
                        required(options, "content-type"), null));
        Duration warmUp = seconds(options.getOrDefault("warm-up", "0"));
        Duration measured = seconds(required(options, "seconds"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Measurement measurement = new Measurement(System.nanoTime() + warmUp.toNanos(), measured,
                options.get("count-containing"));
        if (options.containsKey("rate")) {
            openLoop(http, uri, uploads, Double.parseDouble(options.get("rate")), measurement);
        } else {
            closedLoop(http, uri, uploads, Integer.parseInt(required(options, "clients")), measurement);
        }
        System.out.println(measurement.toJson());
    }

    private static void closedLoop(HttpClient http, URI uri, List<Upload> uploads, int clients,
            Measurement measurement) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int first = client;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; !stop.get(); i++) {
                    Upload upload = uploads.get(i % uploads.size());
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = http.send(request(uri, upload),
                                HttpResponse.BodyHandlers.ofByteArray());
                        measurement.answered(upload, sent, System.nanoTime(), response);
                    } catch (IOException | RuntimeException e) {
                        measurement.failed(e.toString());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        measurement.sleepToEnd();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void openLoop(HttpClient http, URI uri, List<Upload> uploads, double rate,
            Measurement measurement) throws InterruptedException {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= measurement.windowEnd) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            Upload upload = uploads.get((int) (i % uploads.size()));
            inFlight.add(http.sendAsync(request(uri, upload), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            measurement.failed(failure.toString());
                        } else {
                            measurement.answered(upload, due, System.nanoTime(), response);
                        }
                    }));
            inFlight.removeIf(CompletableFuture::isDone);
        }
        for (CompletableFuture<?> call : inFlight) {
            try {
                call.get(REQUEST_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // counted as failed by its own callback, or still running: the window has closed anyway
            }
        }
    }

    private static HttpRequest request(URI uri, Upload upload) {
        return HttpRequest.newBuilder(uri).header("Content-Type", upload.contentType()).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body())).build();
    }

    /** The images of {@code folder} and their expected lines; {@code expected.json} names them. */
    private static List<Upload> uploads(Path folder) throws IOException {
        JsonNode expected = JSON.readTree(folder.resolve("expected.json").toFile());
        List<Upload> uploads = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : expected.properties()) {
            String name = entry.getKey();
            List<String> lines = new ArrayList<>();
            entry.getValue().forEach(line -> lines.add(line.asText()));
            uploads.add(new Upload(name, Files.readAllBytes(folder.resolve(name)),
                    name.endsWith(".png") ? "image/png" : "image/jpeg", List.copyOf(lines)));
        }
        return uploads;
    }

    /** What one load measured; thread-safe, as answers arrive on many threads. */
    private static final class Measurement {
        final long windowStart;
        final long windowEnd;
        final Duration window;
        final LongAdder failed = new LongAdder();
        final LongAdder misread = new LongAdder();
        final LongAdder answered = new LongAdder();
        final AtomicReference<String> firstProblem = new AtomicReference<>();
        private final byte[] marker; // answers in the window that contain it are counted: which version answered
        private long containing;
        private long[] latencies = new long[4096];
        private int count;

        Measurement(long windowStart, Duration window, String marker) {
            this.windowStart = windowStart;
            this.window = window;
            this.windowEnd = windowStart + window.toNanos();
            this.marker = marker == null ? null : marker.getBytes(StandardCharsets.UTF_8);
        }

        void answered(Upload upload, long sent, long received, HttpResponse<byte[]> response) {
            if (response.statusCode() != 200) {
                failed("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
                return;
            }
            answered.increment();
            if (upload.expected() != null) {
                List<String> read = linesRead(response.body());
                if (!upload.expected().equals(read)) {
                    misread.increment();
                    firstProblem.compareAndSet(null, upload.name() + " read " + read + " instead of "
                            + upload.expected());
                }
            }
            if (received >= windowStart && received < windowEnd) {
                boolean contains = marker != null && indexOf(response.body(), marker) >= 0;
                synchronized (this) {
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = received - sent;
                    if (contains) {
                        containing++;
                    }
                }
            }
        }

        void failed(String problem) {
            failed.increment();
            firstProblem.compareAndSet(null, problem);
        }

        void sleepToEnd() throws InterruptedException {
            long sleep = windowEnd - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(Duration.ofNanos(sleep));
            }
        }

        synchronized String toJson() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("throughput_per_s", count / (window.toNanos() / 1e9));
            figures.put("measured", count);
            figures.put("p50_ms", Load.percentile(sorted, 50) / 1e6);
            figures.put("p90_ms", Load.percentile(sorted, 90) / 1e6);
            figures.put("p99_ms", Load.percentile(sorted, 99) / 1e6);
            figures.put("max_ms", count == 0 ? 0 : sorted[count - 1] / 1e6);
            figures.put("answered", answered.sum());
            figures.put("failed", failed.sum());
            figures.put("misread", misread.sum());
            figures.put("first_problem", firstProblem.get() == null ? "" : firstProblem.get());
            if (marker != null) {
                figures.put("containing", containing); // of the measured answers
            }
            try {
                return JSON.writeValueAsString(figures);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static int indexOf(byte[] body, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= body.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static List<String> linesRead(byte[] body) {
        List<String> lines = new ArrayList<>();
        try {
            JsonNode texts = JSON.readTree(body).get("texts");
            if (texts != null) {
                texts.forEach(line -> lines.add(line.get("text").asText()));
            }
        } catch (IOException | RuntimeException e) {
            lines.add("(not a report: " + e.getMessage() + ")");
        }
        return lines;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
