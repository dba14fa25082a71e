package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.server.TrellisServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hello sample served as its README says (on port 0), called from "another program" through the
 * generated {@link HelloAppClient}, over gRPC on the server's HTTP port.
 */
class HelloClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static TrellisServer server;
    private static HelloAppClient client;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application("hello").port(0).build().start();
        client = HelloAppClient.connect("localhost:" + server.port());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    @Test
    void aBlockingCallReturnsTheCombinedReply() {
        HelloReply reply = client.hello(new HelloRequest("Ada"));

        assertEquals("Hello, Ada! ADA!!!", reply.message());
        assertEquals(List.of(new HelloReply.Part("Greeter", "Hello, Ada!"), new HelloReply.Part("Shouter", "ADA!!!")),
                reply.parts());
        assertEquals("ready", client.status());
    }

    @Test
    void aStreamingCallReadsTheItemsAsTheyCome() {
        try (dev.trellis.runtime.DeploymentStream<String> letters = client.spell(new HelloRequest("Ada"))) {
            assertEquals(List.of("A", "D", "A"), letters.stream().toList());
        }
    }

    @Test
    void asyncCallsAreInFlightTogetherAndEachGetsItsOwnAnswer() throws Exception {
        List<DeploymentResponse<HelloReply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(client.helloAsync(new HelloRequest("user" + i)));
        }

        for (int i = 0; i < replies.size(); i++) {
            assertEquals("Hello, user" + i + "! USER" + i + "!!!", replies.get(i).get(TIMEOUT).message());
        }
    }

    @Test
    void aCallPastItsDeadlineFailsNamingTheDeadline() throws Exception {
        HelloAppClient impatient = client.withDeadline(Duration.ofMillis(100));

        DeploymentException blocking = assertThrows(DeploymentException.class, () -> impatient.pause(60_000));
        DeploymentException async = assertThrows(DeploymentException.class,
                () -> impatient.pauseAsync(60_000).get(TIMEOUT));

        for (DeploymentException failure : List.of(blocking, async)) {
            assertEquals("HelloIngress", failure.deployment());
            assertTrue(failure.getMessage().contains("HelloIngress.pause did not answer before its deadline"),
                    failure.getMessage());
        }
        assertEquals("paused 0 ms", client.pause(0), "the client it was copied from keeps its own deadline");
    }

    @Test
    void aBlankNameIsAnInvalidArgumentWithTheIngressMessage() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> client.hello(new HelloRequest(" ")));

        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("'name' is required"), failure.getCause().getMessage());
        assertEquals("Hello, Grace! GRACE!!!", client.hello(new HelloRequest("Grace")).message());
    }

    @Test
    void aServerThatIsNotThereIsAFailureNamingTheIngress() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }
        try (HelloAppClient nowhere = HelloAppClient.connect("localhost:" + unused)) {
            DeploymentException failure = assertThrows(DeploymentException.class,
                    () -> nowhere.hello(new HelloRequest("Ada")));

            assertEquals("HelloIngress", failure.deployment());
            assertTrue(failure.getMessage().contains("HelloIngress.hello"), failure.getMessage());
        }
    }

    @Test
    void aTargetThatIsNotHostAndPortIsRefusedAtOnce() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> HelloAppClient.connect("localhost"));

        assertTrue(refused.getMessage().contains("\"localhost:8000\""), refused.getMessage());
    }
}
