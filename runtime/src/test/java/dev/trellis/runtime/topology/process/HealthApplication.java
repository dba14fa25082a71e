package dev.trellis.runtime.topology.process;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.Dispatcher;
import dev.trellis.runtime.graph.HealthSpec;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.testapp.StringWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-deployment application, written by hand as the processor would generate it, whose replica
 * reports itself unhealthy while the file named by the system property {@value #MARKER_PROPERTY}
 * exists: the health tests run it in the processes topology and flip that file.
 */
public final class HealthApplication implements ApplicationGraph {

    static final String MARKER_PROPERTY = "trellis.test.unhealthy-marker";
    static final DeploymentMethod<String> PING = new DeploymentMethod<>("Pinger", "ping", 0);

    /** The class path resource whose text, where a replica's class path has it, its answers start with. */
    static final String PONG_RESOURCE = "trellis-test/pong.txt";

    /**
     * The deployment: answers pings ("pong:" and the text, or the text of {@value #PONG_RESOURCE} where its
     * class path has one: a version of its own), unhealthy while the marker file exists.
     */
    public static final class Pinger {
        private final String pong = pong();

        String ping(String text) {
            return pong + ":" + text;
        }

        private static String pong() {
            try (java.io.InputStream in = Pinger.class.getClassLoader().getResourceAsStream(PONG_RESOURCE)) {
                return in == null ? "pong" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        boolean healthy() {
            String marker = System.getProperty(MARKER_PROPERTY);
            return marker == null || !Files.exists(Path.of(marker));
        }
    }

    private static final Dispatcher<Pinger> DISPATCHER = new Dispatcher<>() {
        @Override
        public Object dispatch(Pinger target, int method, Object[] args) {
            return target.ping((String) args[0]);
        }

        @Override
        public boolean checkHealth(Pinger target) {
            return target.healthy();
        }
    };

    @Override
    public String name() {
        return "health-test";
    }

    @Override
    public String ingress() {
        return "Pinger";
    }

    @Override
    public List<DeploymentNode<?>> nodes() {
        return List.of(new DeploymentNode<>("Pinger", new DeploymentSpec(1, 5, -1, new ResourceSpec(1, 0, 0),
                HealthSpec.ofMillis(200, 2_000)), List.of(), context -> new Pinger(), DISPATCHER, StringWire.of(PING)));
    }

    @Override
    public List<IngressRoute> routes() {
        return List.of();
    }

    @Override
    public String manifestResource() {
        return "META-INF/trellis/health-test.yaml";
    }
}
