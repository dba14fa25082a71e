package dev.trellis.runtime.topology.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.config.Topology;
import dev.trellis.runtime.grpc.CallerSecret;
import dev.trellis.runtime.grpc.RemoteReplica;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A replica process takes internal calls only with its application's credentials, which its controller
 * hands it in its environment, never on its command line; it listens on the loopback interface only.
 */
class InternalAuthProcessesTest {

    @Test
    void aReplicaProcessRefusesCallsWithoutTheApplicationsCredentials() throws Exception {
        try (TrellisApplication app = TestApps.builder(new HealthApplication()).topology(Topology.PROCESSES)
                .replicaJavaOptions(List.of("-XX:TieredStopAtLevel=1")).start()) {
            long pid = app.replicaPids("Pinger").getFirst();
            int port = listeningPort(pid);
            String environment = Files.readString(Path.of("/proc/" + pid + "/environ"));
            String secret = Stream.of(environment.split("\0")).filter(entry -> entry.startsWith(CallerSecret.ENV + "="))
                    .findFirst().orElseThrow().substring(CallerSecret.ENV.length() + 1);
            assertFalse(Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains(secret),
                    "the secret is not on the command line, which any user can read");

            try (RemoteReplica bare = connect(port, Optional.empty());
                    RemoteReplica guessed = connect(port, Optional.of(CallerSecret.generate()));
                    RemoteReplica credentialed = connect(port, Optional.of(CallerSecret.of(secret)))) {
                DeploymentException refused = assertThrows(DeploymentException.class,
                        () -> bare.call(HealthApplication.PING, new Object[] {"x"}).join());
                assertTrue(refused.getMessage().contains("UNAUTHENTICATED"), refused.getMessage());
                DeploymentException wrong = assertThrows(DeploymentException.class,
                        () -> guessed.call(HealthApplication.PING, new Object[] {"x"}).join());
                assertTrue(wrong.getMessage().contains("UNAUTHENTICATED"), wrong.getMessage());
                assertEquals("pong:x", credentialed.call(HealthApplication.PING, new Object[] {"x"}).join());
            }
            // The control protocol too: an announcement could point the replica's calls elsewhere.
            try (dev.trellis.runtime.grpc.ReplicaControl control = dev.trellis.runtime.grpc.ReplicaControl.connect(
                    "127.0.0.1", port)) {
                io.grpc.StatusRuntimeException refusedControl = assertThrows(io.grpc.StatusRuntimeException.class,
                        () -> control.announce("Pinger", List.of()));
                assertEquals(io.grpc.Status.Code.UNAUTHENTICATED, refusedControl.getStatus().getCode());
            }
            assertEquals("pong:y", app.ingress().call(HealthApplication.PING, new Object[] {"y"}).join(),
                    "the controller's own calls carry the credentials");
        }
    }

    @Test
    void aReplicaProcessDoesNotInheritTheControllersCredentials() {
        assertTrue(ReplicaProcess.controllersOwn("TRELLIS_INGRESS_TOKEN"));
        assertTrue(ReplicaProcess.controllersOwn("TRELLIS_ADMIN_TOKEN"));
        assertTrue(ReplicaProcess.controllersOwn("TRELLIS_TLS_KEYSTORE_PASSWORD"));
        assertTrue(ReplicaProcess.controllersOwn(CallerSecret.ENV), "its own is set for it, not inherited");
        assertFalse(ReplicaProcess.controllersOwn("TRELLIS_OCR_MODELS"));
        assertFalse(ReplicaProcess.controllersOwn("PATH"));
    }

    private static RemoteReplica connect(int port, Optional<CallerSecret> secret) {
        return RemoteReplica.connect("health-test", "Pinger", new HealthApplication().nodes().getFirst().wire(),
                "127.0.0.1", port, Duration.ofSeconds(10), secret);
    }

    /** The one TCP port the process listens on, from /proc: its sockets' inodes among the listening ones. */
    private static int listeningPort(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // a descriptor closed while it was read
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                // local_address is address:port in hex; state 0A is LISTEN; field 9 is the inode
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    String address = fields[1].substring(0, fields[1].indexOf(':'));
                    // 127.0.0.1, ::1, or 127.0.0.1 mapped into IPv6 (::ffff:127.0.0.1)
                    assertTrue(address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                            || address.equals("0000000000000000FFFF00000100007F"),
                            "the replica listens on the loopback interface only: " + fields[1]);
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        assertEquals(1, ports.size(), "listening ports " + ports);
        return ports.iterator().next();
    }
}
