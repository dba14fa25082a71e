package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.server.TrellisApplication;
import dev.trellis.runtime.testapp.TestApps;
import io.grpc.ServerInterceptors;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A replica's services take only calls that carry the application's internal credentials. */
class CallerSecretTest {

    @Test
    void aCallWithoutTheSecretOrWithAnotherIsRefusedUnauthenticatedAndOneWithItRuns() {
        CallerSecret secret = CallerSecret.generate();
        DeploymentNode<Echo> node = new DeploymentNode<>("Echo", new DeploymentSpec(1, 4, -1, new ResourceSpec(1, 0, 0)),
                List.of(), context -> new Echo(new dev.trellis.runtime.testapp.Gate()), Echo::dispatch, EchoReplica.WIRE);
        try (TrellisApplication app = TestApps.start(GrpcTransportTest.graphOf(node));
                ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(ServerInterceptors.intercept(
                        DeploymentGrpcService.create("auth-test", EchoReplica.WIRE, app.channel("Echo")),
                        secret.require("the test's replica"))));
                RemoteReplica none = connect(server, Optional.empty());
                RemoteReplica other = connect(server, Optional.of(CallerSecret.generate()));
                RemoteReplica same = connect(server, Optional.of(CallerSecret.of(secret.text())))) {

            DeploymentException withoutAny = assertThrows(DeploymentException.class,
                    () -> none.call(Echo.ECHO, new Object[] {"x"}).join());
            DeploymentException withAnother = assertThrows(DeploymentException.class,
                    () -> other.call(Echo.ECHO, new Object[] {"x"}).join());

            assertTrue(withoutAny.getMessage().contains("UNAUTHENTICATED"), withoutAny.getMessage());
            assertTrue(withoutAny.getMessage().contains("internal credentials"), withoutAny.getMessage());
            assertTrue(withAnother.getMessage().contains("UNAUTHENTICATED"), withAnother.getMessage());
            assertEquals(2, secret.refusedCalls());
            assertEquals("x", same.call(Echo.ECHO, new Object[] {"x"}).join());
            assertEquals(2, secret.refusedCalls());
        }
    }

    @Test
    void aGivenSecretMustBeLongAndPrintableAndIsNeverPrinted() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> CallerSecret.of("abc"));
        assertEquals("TRELLIS_INTERNAL_SECRET must have at least 22 characters (128 random bits as base64), had 3",
                tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CallerSecret.of("0123456789 0123456789 0123456789"));
        CallerSecret secret = CallerSecret.generate();
        assertFalse(secret.toString().contains(secret.text()));
        assertEquals(43, secret.text().length(), "32 random bytes as URL-safe base64");
    }

    private static RemoteReplica connect(ReplicaServer server, Optional<CallerSecret> secret) {
        return RemoteReplica.connect("auth-test", "Echo", EchoReplica.WIRE, "127.0.0.1", server.port(),
                Duration.ofSeconds(10), secret);
    }
}
