package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.benchmarks.LabelImages.Label;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline benchmark's load: a closed loop of concurrent clients, each a virtual thread that posts the
 * labels' PNGs to {@code POST /tag} one after another, round-robin from its own starting label, and waits
 * for each answer before it sends the next. Every answer is checked: a failure is anything but a 200 with
 * a JSON report; a misread is a 200 whose lines are not exactly the label's.
 */
final class PipelineLoad {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineLoad() {}

    /**
     * What one load measured.
     *
     * @param requestsPerSecond answers (misreads included) completed per second in the measured window
     * @param latenciesNanos the latency of each of those answers, from sending to the last byte received
     * @param failed calls that failed, warm-up included
     * @param misread answers whose text was not the label's, warm-up included
     * @param answered calls answered 200, warm-up included
     * @param firstProblem the first failure or misread, empty if none
     */
    record Result(double requestsPerSecond, long[] latenciesNanos, long failed, long misread, long answered,
            String firstProblem) {}

    /** Runs {@code clients} clients for {@code warmUp} then {@code measured}; measures the second part. */
    static Result run(HttpClient http, int port, List<Label> labels, int clients, Duration warmUp,
            Duration measured) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/tag");
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder failed = new LongAdder();
        LongAdder misread = new LongAdder();
        LongAdder answered = new LongAdder();
        AtomicReference<String> firstProblem = new AtomicReference<>();
        long start = System.nanoTime();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        List<long[]> completions = new ArrayList<>(); // per client: end, latency, end, latency, …
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Completions mine = new Completions();
            int first = client;
            threads.add(Thread.ofVirtual().name("tag-client-" + client).start(() -> {
                for (int i = first; !stop.get(); i++) {
                    Label label = labels.get(i % labels.size());
                    long sent = System.nanoTime();
                    String problem = null;
                    try {
                        HttpResponse<byte[]> response = http.send(request(uri, label), HttpResponse.BodyHandlers.ofByteArray());
                        long received = System.nanoTime();
                        JsonNode report = report(response);
                        if (report == null) {
                            failed.increment();
                            problem = "HTTP " + response.statusCode() + ": "
                                    + new String(response.body(), StandardCharsets.UTF_8);
                        } else {
                            mine.add(received, received - sent);
                            answered.increment();
                            List<String> lines = lines(report);
                            if (!lines.equals(label.lines())) {
                                misread.increment();
                                problem = "read " + lines + " instead of " + label.lines();
                            }
                        }
                    } catch (Exception e) {
                        failed.increment();
                        problem = e.toString();
                    }
                    if (problem != null) {
                        firstProblem.compareAndSet(null, problem);
                    }
                }
                synchronized (completions) {
                    completions.add(mine.toArray());
                }
            }));
        }
        long sleep = windowEnd - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(Duration.ofNanos(sleep));
        }
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] inWindow = new long[completions.stream().mapToInt(pairs -> pairs.length / 2).sum()];
        int count = 0;
        for (long[] pairs : completions) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i] >= windowStart && pairs[i] < windowEnd) {
                    inWindow[count++] = pairs[i + 1];
                }
            }
        }
        inWindow = Arrays.copyOf(inWindow, count);
        double seconds = measured.toNanos() / 1e9;
        return new Result(measured.isZero() ? 0 : inWindow.length / seconds, inWindow, failed.sum(), misread.sum(),
                answered.sum(), firstProblem.get() == null ? "" : firstProblem.get());
    }

    /** Posts one label and returns the lines read, for the check before the load. */
    static List<String> linesRead(HttpClient http, int port, Label label) throws Exception {
        HttpResponse<byte[]> response = http.send(request(URI.create("http://127.0.0.1:" + port + "/tag"), label),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return lines(JSON.readTree(response.body()));
    }

    private static HttpRequest request(URI uri, Label label) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "image/png")
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(label.png()))
                .build();
    }

    /** The answer's report, or null if it is not a 200 with a JSON report. */
    private static JsonNode report(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode report = JSON.readTree(response.body());
            return report.has("texts") ? report : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static List<String> lines(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.get("texts").forEach(line -> lines.add(line.get("text").asText()));
        return lines;
    }

    /** One client's completions, as pairs of end time and latency. */
    private static final class Completions {
        private long[] values = new long[1024];
        private int size;

        void add(long end, long latency) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = end;
            values[size++] = latency;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
