package dev.trellis.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The autoscaling benchmark's load generator, in a JVM of its own: rounds of idling, one call to the
 * deployment that scaled to zero (timed from request to answer), then a step of closed-loop clients.
 * It writes what it did and when (wall-clock milliseconds, comparable with the server's on one machine)
 * to a file, one event per line.
 *
 * <p>Arguments: port, rounds, clients, step millis, idle millis, events file.
 */
public final class AutoscaleLoad {

    static final String READY = "AUTOSCALE-LOAD-READY";
    private static final String WORK = "{\"millis\":50}";

    private AutoscaleLoad() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        long stepMillis = Long.parseLong(args[3]);
        long idleMillis = Long.parseLong(args[4]);
        Path events = Path.of(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI work = URI.create("http://127.0.0.1:" + port + "/scale");
        URI cold = URI.create("http://127.0.0.1:" + port + "/scale/cold");
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicLong answered = new AtomicLong();
        List<String> failures = new CopyOnWriteArrayList<>();
        System.out.println(READY + " 0");
        System.out.flush();
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(idleMillis);
            long before = System.currentTimeMillis();
            HttpResponse<String> woken = send(http, HttpRequest.newBuilder(cold).timeout(Duration.ofSeconds(60)).GET()
                    .build(), failures);
            log.add("cold\t" + round + "\t" + before + "\t" + System.currentTimeMillis() + "\t"
                    + (woken == null ? -1 : woken.statusCode()));
            log.add("step-start\t" + round + "\t" + System.currentTimeMillis());
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (loading.get()) {
                        HttpResponse<String> answer = send(http, HttpRequest.newBuilder(work)
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(WORK)).build(), failures);
                        if (answer != null && answer.statusCode() == 200) {
                            answered.incrementAndGet();
                        }
                    }
                }));
            }
            Thread.sleep(stepMillis);
            loading.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(70));
            }
            log.add("step-end\t" + round + "\t" + System.currentTimeMillis());
        }
        Thread.sleep(idleMillis); // the last step's scale-down, for the picture
        log.add("answered\t" + answered.get());
        log.add("failed\t" + failures.size() + "\t" + (failures.isEmpty() ? "" : failures.get(0)));
        Files.write(events, log);
    }

    /** Sends one request; a failure (an error status or none at all) is recorded and answers null. */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request, List<String> failures) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failures.add(request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            failures.add(request.uri().getPath() + " failed: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
