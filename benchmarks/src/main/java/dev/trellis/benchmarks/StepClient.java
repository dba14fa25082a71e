package dev.trellis.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the fair microservices' front calls one step: one {@link HttpClient} per replica, HTTP/1.1 with
 * keep-alive (its connections are kept and reused, one per call in flight), and each call to the replica
 * with the fewest calls outstanding, ties taken in turn.
 */
final class StepClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final String step;
    private final List<Replica> replicas;
    private final AtomicInteger nextTie = new AtomicInteger();

    private record Replica(URI uri, HttpClient http, AtomicInteger outstanding) {}

    private StepClient(String step, List<Replica> replicas) {
        this.step = step;
        this.replicas = replicas;
    }

    /** A client of {@code path} on the replicas listening on {@code ports} of the loopback interface. */
    static StepClient of(String step, String path, List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("The step " + step + " has no replica");
        }
        List<Replica> replicas = new ArrayList<>();
        for (int port : ports) {
            replicas.add(new Replica(URI.create("http://127.0.0.1:" + port + path), HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build(), new AtomicInteger()));
        }
        return new StepClient(step, List.copyOf(replicas));
    }

    /** Posts {@code body} to a replica and returns its answer, whatever its status. */
    HttpResponse<byte[]> post(String contentType, byte[] body) throws IOException, InterruptedException {
        Replica replica = pick();
        replica.outstanding.incrementAndGet();
        try {
            return replica.http.send(HttpRequest.newBuilder(replica.uri)
                    .header("Content-Type", contentType)
                    .timeout(CALL_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            replica.outstanding.decrementAndGet();
        }
    }

    /**
     * Posts {@code body} and returns the answer's body.
     *
     * @throws IllegalStateException unless the answer is a 200
     */
    byte[] call(String contentType, byte[] body) throws IOException, InterruptedException {
        return ok(post(contentType, body));
    }

    /**
     * The body of {@code response}, a 200.
     *
     * @throws IllegalStateException for any other status
     */
    byte[] ok(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The " + step + " service answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private Replica pick() {
        int start = Math.floorMod(nextTie.getAndIncrement(), replicas.size());
        Replica best = replicas.get(start);
        for (int i = 1; i < replicas.size(); i++) {
            Replica candidate = replicas.get((start + i) % replicas.size());
            if (candidate.outstanding.get() < best.outstanding.get()) {
                best = candidate;
            }
        }
        return best;
    }

    @Override
    public void close() {
        replicas.forEach(replica -> replica.http.close());
    }
}
