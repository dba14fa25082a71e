package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.config.Topology;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrellisMainTest {

    @Test
    void theApplicationIsNamedByTheFirstArgumentElseByTheSystemProperty() {
        assertEquals(Optional.of("ocr"), TrellisMain.requestedApplication(new String[] {"ocr"}, "hello"));
        assertEquals(Optional.of("hello"), TrellisMain.requestedApplication(new String[] {}, "hello"));
        assertEquals(Optional.empty(), TrellisMain.requestedApplication(new String[] {" "}, null));
    }

    @Test
    void thePortComesFromTheSystemPropertyElseTheEnvironmentElse8000() {
        assertEquals(9000, TrellisMain.port("9000", "7000"));
        assertEquals(7000, TrellisMain.port(null, "7000"));
        assertEquals(8000, TrellisMain.port(null, null));
        assertEquals(0, TrellisMain.port("0", null));
    }

    @Test
    void aPortThatIsNotANumberInRangeNamesWhereItCameFrom() {
        IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
                () -> TrellisMain.port("http", null));
        IllegalArgumentException environment = assertThrows(IllegalArgumentException.class,
                () -> TrellisMain.port(null, "70000"));

        assertTrue(property.getMessage().startsWith("-Dtrellis.port=http is not a port"), property.getMessage());
        assertTrue(environment.getMessage().startsWith("TRELLIS_PORT=70000 is not a port"), environment.getMessage());
    }

    @Test
    void theServingLineNamesTheApplicationPortAndRoutes() {
        try (TrellisServer server = TrellisServer.builder().application("hello").host("127.0.0.1").port(0).build()
                .start()) {
            assertEquals("Trellis application 'hello' serving on http://localhost:" + server.port()
                    + " (POST /hello, GET /ping, POST /forget, POST /spell, GET /-/healthz, GET /-/status; replicas: local)", TrellisMain.servingMessage(server));
        }
    }

    @Test
    void theTopologyComesFromThePropertyThenTheEnvironmentAndIsLocalByDefault() {
        assertEquals(Optional.empty(), TrellisMain.topology(null, null), "the deployment YAML's, else local");
        assertEquals(Optional.of(Topology.PROCESSES), TrellisMain.topology("processes", "local"));
        assertEquals(Optional.of(Topology.PROCESSES), TrellisMain.topology(" ", "PROCESSES"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrellisMain.topology("cluster", null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[local, processes, kubernetes]"), e.getMessage());
    }

    @Test
    void theAdminPortFollowsTheApplicationsUnlessSet() {
        assertEquals(8001, TrellisMain.adminPort(Optional.empty(), 8000));
        assertEquals(0, TrellisMain.adminPort(Optional.empty(), 0), "any free one, as the application's");
        assertEquals(9100, TrellisMain.adminPort(Optional.of("9100"), 8000));
        assertEquals(-1, TrellisMain.adminPort(Optional.of("off"), 8000));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrellisMain.adminPort(Optional.of("admin"), 8000));
        assertEquals("-Dtrellis.adminPort=admin is not a port: use a number from 0 to 65535, or off", wrong.getMessage());
    }
}
