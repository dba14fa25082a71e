package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.runtime.DeploymentException;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.server.TrellisServer;
import dev.trellis.runtime.testapp.Gate;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an ingress token, the application's routes, its status and its gRPC ingress answer only callers that send it. */
class IngressTokenTest {

    private static final String TOKEN = "ingress-token-for-the-test-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TrellisServer server;
    private HttpClient http;

    @BeforeEach
    void start() {
        DeploymentNode<Echo> echo = new DeploymentNode<>("Echo", new DeploymentSpec(1, 4, -1, new ResourceSpec(1, 0, 0)),
                List.of(), context -> new Echo(new Gate()), Echo::dispatch, new EchoWire());
        server = TrellisServer.builder().application(GrpcIngressTest.graphOf(echo)).host("127.0.0.1").port(0)
                .adminPort(-1).ingressToken(TOKEN).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop();
    }

    @Test
    void aRouteAnswersOnlyTheTokenAndSaysHowToSendIt() throws Exception {
        HttpResponse<String> none = post(null);
        HttpResponse<String> wrong = post("Bearer not-the-token-0123456789");
        HttpResponse<String> right = post("Bearer " + TOKEN);

        assertEquals(401, none.statusCode(), none.body());
        assertEquals("Bearer realm=\"" + GrpcIngressTest.APPLICATION + "\"",
                none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(none.body().contains("Authorization: Bearer <token>"), none.body());
        assertEquals("application/json", none.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals(200, right.statusCode(), right.body());
        assertEquals("\"hi\"", right.body());
    }

    @Test
    void noOtherWayOfWritingAPathOrAskingGetsAround() throws Exception {
        for (String path : List.of("/echo;x", "/echo/", "//echo", "/%65cho", "/echo?x=1", "/nothing-here",
                "/observe/../echo", "/-/healthz;/../echo", "/dashboard/../echo")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + path)).header("Content-Type", "application/json").timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString("\"hi\"")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), path + ": " + answer.body());
            assertFalse(answer.body().contains("/echo"), "a stranger is not told the routes: " + answer.body());
        }
        try (HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> upgraded = h2c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/echo")).header("Content-Type", "application/json").timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString("\"hi\"")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, upgraded.statusCode(), upgraded.body());
        }
    }

    @Test
    void theStatusAndTheDashboardsDataAreGuardedHealthAndMetricsAreNot() throws Exception {
        assertEquals(401, get("/-/status", null).statusCode());
        assertEquals(200, get("/-/status", "Bearer " + TOKEN).statusCode());
        assertEquals(401, get("/dashboard/application.json", null).statusCode());
        assertEquals(200, get("/dashboard", null).statusCode(), "the page holds nothing; it sends the token it is given");
        assertEquals(200, get("/-/healthz", null).statusCode());
        assertEquals(200, get("/observe/health", null).statusCode());
        post(null);
        String metrics = get("/observe/metrics", null).body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("trellis_requests_total{")
                && line.contains("outcome=\"user_error\"") && line.contains("route=\"/echo\"")), metrics);
    }

    @Test
    void theGrpcIngressAnswersOnlyTheToken() {
        try (RemoteReplica without = RemoteReplica.connect(GrpcIngressTest.APPLICATION, "Echo", new EchoWire(),
                "127.0.0.1", server.port(), TIMEOUT);
                RemoteReplica with = RemoteReplica.connect(GrpcIngressTest.APPLICATION, "Echo", new EchoWire(),
                        "127.0.0.1", server.port(), TIMEOUT, List.of(bearer(TOKEN)))) {
            DeploymentException refused = assertThrows(DeploymentException.class,
                    () -> without.call(Echo.ECHO, new Object[] {"x"}).join());
            assertTrue(refused.getMessage().contains("UNAUTHENTICATED"), refused.getMessage());
            assertEquals("x", with.call(Echo.ECHO, new Object[] {"x"}).join());
            try (RemoteReplica wrong = RemoteReplica.connect(GrpcIngressTest.APPLICATION, "Echo", new EchoWire(),
                    "127.0.0.1", server.port(), TIMEOUT, List.of(bearer("not-the-token-0123456789")))) {
                DeploymentException guessed = assertThrows(DeploymentException.class,
                        () -> wrong.call(Echo.ECHO, new Object[] {"x"}).join());
                assertTrue(guessed.getMessage().contains("UNAUTHENTICATED"), guessed.getMessage());
            }
        }
    }

    @Test
    void aShortTokenIsRefusedWhenTheServerIsBuilt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TrellisServer.builder().ingressToken("short"));
        assertEquals("the ingress token must have at least 16 printable characters and no spaces", refused.getMessage());
    }

    private static ClientInterceptor bearer(String token) {
        return new HeaderAdding(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .header("Content-Type", "application/json").timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("\"hi\""));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
