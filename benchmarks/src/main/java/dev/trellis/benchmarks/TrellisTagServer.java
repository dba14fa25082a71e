package dev.trellis.benchmarks;

import dev.trellis.runtime.server.TrellisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline as the Trellis sample {@code image-tagging}: its {@code TrellisServer} in the {@code local}
 * topology, every deployment in this JVM with the replicas, resources and batch settings the sample
 * declares. The models come from the directory the system property {@code trellis.ocr.models} names.
 */
final class TrellisTagServer implements TagVariant {

    private static final Pattern BATCHES = Pattern.compile(
            "trellis_batches_total\\{deployment=\"([^\"]+)\",method=\"([^\"]+)\",size=\"(\\d+)\"} (\\d+)");

    private final TrellisServer server;

    private TrellisTagServer(TrellisServer server) {
        this.server = server;
    }

    static TrellisTagServer start() {
        return new TrellisTagServer(TrellisServer.builder()
                .application("image-tagging")
                .host("127.0.0.1")
                .port(0)
                .deploymentYaml(deploymentYaml())
                .build()
                .start());
    }

    /** The deployment YAML this run was given ({@code -Dtrellis.deploymentYaml}), if any: the benchmark is an edge. */
    static java.util.Optional<java.nio.file.Path> deploymentYaml() {
        return java.util.Optional.ofNullable(System.getProperty(dev.trellis.runtime.config.DeploymentYaml.PROPERTY,
                System.getenv(dev.trellis.runtime.config.DeploymentYaml.ENV))).filter(name -> !name.isBlank())
                .map(java.nio.file.Path::of);
    }

    /**
     * How many batches each {@code @Batch} method has run so far, by size, from the server's metrics:
     * {@code "TextDetector.detect" -> [0, 12, 3]} is twelve batches of one call and three of two.
     */
    Map<String, long[]> batchCounts(HttpClient client) throws Exception {
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + TrellisServer.METRICS_PATH))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, long[]> counts = new TreeMap<>();
        Matcher line = BATCHES.matcher(metrics.body());
        while (line.find()) {
            int size = Integer.parseInt(line.group(3));
            long[] bySize = counts.computeIfAbsent(line.group(1) + "." + line.group(2), ignored -> new long[65]);
            if (size < bySize.length) {
                bySize[size] = Long.parseLong(line.group(4));
            }
        }
        return counts;
    }

    @Override
    public String name() {
        return "trellis";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
