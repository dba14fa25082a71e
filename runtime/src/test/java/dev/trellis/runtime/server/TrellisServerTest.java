package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.ResourceSpec;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.DeploymentNode;
import dev.trellis.runtime.graph.DeploymentSpec;
import dev.trellis.runtime.graph.HttpVerb;
import dev.trellis.runtime.graph.IngressRoute;
import dev.trellis.runtime.testapp.Gate;
import dev.trellis.runtime.testapp.HelloApplication;
import dev.trellis.runtime.testapp.HelloIngressHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrellisServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Gate gate = new Gate();
    private TrellisServer server;

    @AfterEach
    void stopServer() {
        gate.open();
        if (server != null) {
            server.stop();
        }
        client.close();
    }

    @Test
    void answersWithTheResultOfAFanOutAcrossTwoDeployments() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = post("/hello", "{\"name\":\"Ada\"}");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(JSON.readTree("{\"greeting\":\"Hello, Ada!\",\"shout\":\"ADA!\"}"), JSON.readTree(response.body()));
    }

    @Test
    void aRouteWithoutBodyAndAVoidMethodAnswerJson() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> ping = get("/ping");
        HttpResponse<String> forget = post("/forget", "");

        assertEquals(200, ping.statusCode());
        assertEquals("\"pong\"", ping.body());
        assertEquals(200, forget.statusCode());
        assertEquals("null", forget.body());
    }

    @Test
    void aStreamingRouteSendsEachItemAsSoonAsItIsProduced() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<java.util.stream.Stream<String>> response = client.send(request("/spell")
                .POST(BodyPublishers.ofString("{\"name\":\"wait\"}")).header("Content-Type", "application/json")
                .build(), BodyHandlers.ofLines());
        java.util.Iterator<String> lines = response.body().iterator();

        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("\"w\"", lines.next(), "the first letter arrives while the producer waits at the gate");
        gate.open();
        assertEquals(List.of("\"a\"", "\"i\"", "\"t\""), List.of(lines.next(), lines.next(), lines.next()));
        assertFalse(lines.hasNext());
    }

    @Test
    void aFailureAfterTheFirstItemEndsTheStreamWithAnErrorLine() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = post("/spell", "{\"name\":\"boom\"}");

        assertEquals(200, response.statusCode(), "the status went out with the first item");
        String[] lines = response.body().split("\n");
        assertEquals(2, lines.length, response.body());
        assertEquals("\"b\"", lines[0]);
        JsonNode error = JSON.readTree(lines[1]);
        assertEquals("Internal Server Error", error.get("error").asText());
        assertTrue(error.get("message").asText().contains("boom after the first letter"), lines[1]);
        assertFalse(response.body().contains("at dev.trellis"), "no stack trace: " + response.body());
    }

    @Test
    void aStreamingRouteAnswersServerSentEventsWhenAskedAndRefusesBadBodiesBeforeStreaming() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> events = client.send(request("/spell").POST(BodyPublishers.ofString("{\"name\":\"boom\"}"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream").build(),
                BodyHandlers.ofString());

        assertEquals("text/event-stream", events.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(events.body().startsWith("data: \"b\"\n\nevent: error\ndata: {"), events.body());
        assertJsonError(400, "Bad Request", post("/spell", "{\"name\": "));
    }

    @Test
    void malformedJsonIsABadRequestAndTheServerGoesOnServing() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = post("/hello", "{\"name\": ");

        JsonNode error = assertJsonError(400, "Bad Request", response);
        assertTrue(error.get("message").asText().startsWith("request body is not valid JSON for HelloRequest: "),
                error.toString());
        assertEquals(200, post("/hello", "{\"name\":\"Ada\"}").statusCode());
    }

    @Test
    void jsonOfTheWrongShapeIsABadRequestNamingTheExpectedType() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        for (String body : new String[] {"[1, 2]", "{\"nom\":\"Ada\"}", "{\"name\":\"Ada\"} trailing", "null"}) {
            JsonNode error = assertJsonError(400, "Bad Request", post("/hello", body));
            assertTrue(error.get("message").asText().contains("HelloRequest"), body + " -> " + error);
        }
    }

    @Test
    void anEmptyBodyIsABadRequest() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        JsonNode error = assertJsonError(400, "Bad Request", post("/hello", ""));

        assertEquals("request body is empty; expected JSON for HelloRequest", error.get("message").asText());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAJsonAnswerAndOneAtTheLimitIsRead() throws Exception {
        server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                .maxBodyBytes(64).build().start();
        String atTheLimit = "{\"name\":\"" + "a".repeat(64 - 11) + "\"}";
        assertEquals(64, atTheLimit.length());

        HttpResponse<String> declared = post("/hello", "{\"name\":\"" + "a".repeat(100) + "\"}");
        HttpResponse<String> chunked = client.send(request("/hello").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"name\":\"" + "a".repeat(100) + "\"}").getBytes()))).build(), BodyHandlers.ofString());

        // Helidon refuses the declared length before any route; the ingress the chunked body as it reads it.
        assertJsonError(413, "Request Entity Too Large", declared);
        assertJsonError(413, "Request Entity Too Large", chunked);
        assertEquals(200, post("/hello", atTheLimit).statusCode());
    }

    @Test
    void headersOverTheLimitAreRefusedWithAJsonAnswerNamingTheLimitAndHeadersWithinItAreRead() throws Exception {
        server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                .maxHeaderBytes(2048).build().start();

        int under = 2048 - 400; // the request's other headers and the line's own bytes stay below 400
        HttpResponse<String> within = client.send(request("/hello").header("Content-Type", "application/json")
                .header("X-Padding", "p".repeat(under)).POST(BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                BodyHandlers.ofString());
        HttpResponse<String> past = client.send(request("/hello").header("Content-Type", "application/json")
                .header("X-Padding", "p".repeat(2048)).POST(BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                BodyHandlers.ofString());

        assertEquals(200, within.statusCode(), within.body());
        JsonNode refused = assertJsonError(400, "Bad Request", past);
        assertTrue(refused.get("message").asText().contains("larger than 2048 bytes"), refused.toString());
        assertThrows(IllegalArgumentException.class, () -> TrellisServer.builder().maxHeaderBytes(100));
    }

    @Test
    void anExceptionInUserCodeIsAnInternalErrorWithoutStackTrace() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = post("/hello", "{\"name\":\"boom\"}");

        JsonNode error = assertJsonError(500, "Internal Server Error", response);
        assertEquals("HelloIngress.hello failed: IllegalStateException: boom", error.get("message").asText());
        assertFalse(response.body().contains("at dev."), response.body());
    }

    @Test
    void anIllegalArgumentFromTheIngressIsABadRequest() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        JsonNode error = assertJsonError(400, "Bad Request", post("/hello", "{\"name\":\"\"}"));

        assertEquals("name must not be empty", error.get("message").asText());
    }

    @Test
    void aFullIngressAnswersServiceUnavailableAtOnceAndServesTheRunningRequest() throws Exception {
        start(new DeploymentSpec(1, 1, 0, new ResourceSpec(1, 0, 0)), TIMEOUT);
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(
                request("/hello").POST(BodyPublishers.ofString("{\"name\":\"wait\"}")).build(), BodyHandlers.ofString());
        assertTrue(gate.awaitEntered());

        HttpResponse<String> refused = post("/hello", "{\"name\":\"Bob\"}");

        JsonNode error = assertJsonError(503, "Service Unavailable", refused);
        assertTrue(error.get("message").asText().contains("HelloIngress"), error.toString());
        gate.open();
        HttpResponse<String> served = held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, served.statusCode());
        assertSeries(get(TrellisServer.OBSERVE_METRICS_PATH).body(), "trellis_requests_total", "1.0",
                "outcome=\"back_pressure\"");
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);
        assertEquals(200, client.send(request("/hello").POST(BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(400, client.send(request("/hello").POST(BodyPublishers.ofString("{not json"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpResponse<String> metrics = client.send(request(TrellisServer.OBSERVE_METRICS_PATH)
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String text = metrics.body();
        assertSeries(text, "trellis_requests_total", "1.0", "application=\"hello\"", "method=\"POST\"",
                "route=\"/hello\"", "outcome=\"ok\"");
        assertSeries(text, "trellis_requests_total", "1.0", "route=\"/hello\"", "outcome=\"user_error\"");
        assertSeries(text, "trellis_request_duration_seconds_count", "2.0", "method=\"POST\"", "route=\"/hello\"");
        assertSeries(text, "trellis_queued_calls", "0.0", "deployment=\"HelloIngress\"");
        assertSeries(text, "trellis_replicas", "2.0", "deployment=\"Greeter\"", "state=\"running\"");
        assertSeries(text, "trellis_desired_replicas", "2.0", "deployment=\"Greeter\"");
        assertTrue(text.contains("# TYPE trellis_request_duration_seconds histogram"), text);
        assertFalse(text.contains("route=\"/observe"), "the server's own paths are not the application's traffic");
    }

    /** A line of {@code name} holding every label given, with {@code value}. */
    @Test
    void eachReplicasCallsAndLatenciesAreServedByTheOneScrape() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, post("/hello", "{\"name\":\"Ada\"}").statusCode());
        }

        // A scrape may run beside the poll that updates the meters: wait until every figure has come.
        String text = awaitScrape(scrape -> sum(scrape, "trellis_replica_calls_total", "deployment=\"HelloIngress\"",
                "method=\"hello\"", "outcome=\"ok\"") == 3
                && sum(scrape, "trellis_replica_processing_seconds_count", "deployment=\"HelloIngress\"") == 3
                && sum(scrape, "trellis_replica_queue_wait_seconds_count", "deployment=\"HelloIngress\"") == 3);

        assertEquals(3, sum(text, "trellis_replica_processing_seconds_count", "deployment=\"HelloIngress\"",
                "method=\"hello\"", "replica=\"HelloIngress-0\""), text);
        assertEquals(3, sum(text, "trellis_replica_queue_wait_seconds_count", "deployment=\"HelloIngress\""), text);
        assertEquals(3, sum(text, "trellis_replica_processing_seconds_bucket", "deployment=\"HelloIngress\"",
                "le=\"+Inf\""), text);
        assertEquals(0, sum(text, "trellis_replica_calls_total", "outcome=\"error\""), text);
        assertTrue(text.contains("# TYPE trellis_replica_processing_seconds histogram"), text);
        assertSeries(text, "trellis_replica_ongoing_calls", "0.0", "deployment=\"Greeter\"", "replica=\"Greeter-1\"");
        assertSeries(text, "trellis_update_progress_ratio", "1.0", "deployment=\"Greeter\"");
    }

    /** Scrapes until {@code done} holds of the text (the replicas' figures are read each second), or fails. */
    private String awaitScrape(java.util.function.Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String text = get(TrellisServer.OBSERVE_METRICS_PATH).body();
        while (!done.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the scrape never showed what was asked:\n" + text);
            }
            Thread.sleep(100);
            text = get(TrellisServer.OBSERVE_METRICS_PATH).body();
        }
        return text;
    }

    /** The sum of the series {@code name} with all of {@code labels}. */
    static double sum(String text, String name, String... labels) {
        return text.lines().filter(line -> line.startsWith(name + "{")
                && java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void assertSeries(String text, String name, String value, String... labels) {
        boolean found = text.lines().anyMatch(line -> line.startsWith(name + "{") && line.endsWith(" " + value)
                && java.util.Arrays.stream(labels).allMatch(line::contains));
        assertTrue(found, name + " " + List.of(labels) + " = " + value + " not in:\n" + text);
    }

    @Test
    void aMalformedModelIdHeaderIsABadRequest() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = client.send(request("/hello").POST(BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .header("Trellis-Model-Id", "a\tb").build(), BodyHandlers.ofString());

        JsonNode error = assertJsonError(400, "Bad Request", response);
        assertTrue(error.get("message").asText().startsWith("Trellis-Model-Id: A model id is 1 to 256 printable"),
                error.toString());
    }

    @Test
    void aRoutePrefixUnderObserveIsRefusedAtStartSayingWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        java.nio.file.Path yaml = java.nio.file.Files.writeString(directory.resolve("deployment.yaml"), """
                applications:
                  - name: hello
                    routePrefix: /observe
                """);
        TrellisServer refused = TrellisServer.builder().application(new HelloApplication(HelloApplication.DEFAULT_SPEC,
                gate)).host("127.0.0.1").port(0).deploymentYaml(java.util.Optional.of(yaml)).build();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, refused::start);
        assertTrue(error.getMessage().contains("POST /observe/hello, which is reserved")
                && error.getMessage().contains("choose another routePrefix"), error.getMessage());
    }

    @Test
    void theDeploymentYamlMovesTheRoutesUnderItsPrefixAndSetsTheRequestTimeout(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path directory) throws Exception {
        java.nio.file.Path yaml = java.nio.file.Files.writeString(directory.resolve("deployment.yaml"), """
                applications:
                  - name: hello
                    routePrefix: /v1
                    requestTimeoutMillis: 150
                """);
        server = TrellisServer.builder().application(new HelloApplication(HelloApplication.DEFAULT_SPEC, gate))
                .host("127.0.0.1").port(0).deploymentYaml(java.util.Optional.of(yaml)).build().start();

        assertEquals(200, post("/v1/hello", "{\"name\":\"Ada\"}").statusCode());
        assertJsonError(404, "Not Found", post("/hello", "{\"name\":\"Ada\"}"));
        assertEquals(200, get("/-/healthz").statusCode(), "the server's own paths stay where they are");
        assertTrue(server.routes().contains("POST /v1/hello"), server.routes().toString());
        JsonNode late = assertJsonError(408, "Request Timeout", post("/v1/hello", "{\"name\":\"wait\"}"));
        assertTrue(late.get("message").asText().contains("did not answer within 150 ms"), late.toString());
    }

    @Test
    void theApplicationsOwnRequestTimeoutApplies() throws Exception {
        HelloApplication hello = new HelloApplication(HelloApplication.DEFAULT_SPEC, gate);
        server = TrellisServer.builder().application(variant(hello, hello.routes(), Duration.ofMillis(150)))
                .host("127.0.0.1").port(0).build().start();

        HttpResponse<String> response = post("/hello", "{\"name\":\"wait\"}");

        JsonNode error = assertJsonError(408, "Request Timeout", response);
        assertTrue(error.get("message").asText().startsWith("HelloIngress.hello did not answer within 150 ms"),
                error.toString());
        assertSeries(get(TrellisServer.OBSERVE_METRICS_PATH).body(), "trellis_requests_total", "1.0",
                "outcome=\"timeout\"");
    }

    @Test
    void stoppingLetsARequestInFlightFinishAndAnswer() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(
                request("/hello").POST(BodyPublishers.ofString("{\"name\":\"wait\"}")).build(), BodyHandlers.ofString());
        assertTrue(gate.awaitEntered());

        Thread stopping = Thread.ofVirtual().start(server::stop);
        stopping.join(Duration.ofMillis(500));
        assertTrue(stopping.isAlive(), "stop waits for the request in flight");
        gate.open();

        HttpResponse<String> served = held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, served.statusCode(), served.body());
        stopping.join(TIMEOUT);
        assertFalse(stopping.isAlive(), "stop returned once the request was answered");
    }

    @Test
    void aRequestPastItsTimeoutIsAnsweredRequestTimeoutAndItsCallIsCancelled() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, Duration.ofMillis(200));

        HttpResponse<String> response = post("/hello", "{\"name\":\"wait\"}");

        JsonNode error = assertJsonError(408, "Request Timeout", response);
        assertTrue(error.get("message").asText().startsWith("HelloIngress.hello did not answer within 200 ms"),
                error.toString());
        assertTrue(gate.awaitInterrupted(), "the user code saw the cancellation");
    }

    @Test
    void theHealthCheckNamesTheApplication() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = get(TrellisServer.HEALTH_PATH);

        assertEquals(200, response.statusCode());
        assertEquals(JSON.readTree("{\"status\":\"UP\",\"application\":\"hello\"}"), JSON.readTree(response.body()));
    }

    @Test
    void theStatusShowsEveryDeploymentsTargetAndReplicas() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        HttpResponse<String> response = get(TrellisServer.STATUS_PATH);

        assertEquals(200, response.statusCode());
        JsonNode status = JSON.readTree(response.body());
        assertEquals("hello", status.get("application").asText());
        assertEquals("RUNNING", status.get("state").asText());
        assertTrue(status.get("ready").asBoolean());
        assertEquals("local", status.get("topology").asText());
        JsonNode greeter = status.get("deployments").get(0);
        assertEquals("Greeter", greeter.get("name").asText());
        assertEquals("HEALTHY", greeter.get("health").asText());
        assertEquals(2, greeter.get("target").get("replicas").asInt());
        assertEquals(2, greeter.get("running").asInt());
        JsonNode replica = greeter.get("replicas").get(0);
        assertEquals("Greeter-0", replica.get("id").asText());
        assertEquals("RUNNING", replica.get("state").asText());
        assertEquals("cpu 0.25", replica.get("placement").asText());
        assertEquals(List.of("Greeter", "Shouter", "HelloIngress"), java.util.stream.StreamSupport.stream(
                status.get("deployments").spliterator(), false).map(node -> node.get("name").asText()).toList());
    }

    @Test
    void aClientThatGoesAwayMidStreamStopsTheProducerAndFreesItsSlot() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, Duration.ofMinutes(10)); // far beyond the waits below
        byte[] body = "{\"name\":\"endless\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST /spell HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            int items = 0;
            for (String line = in.readLine(); line != null && items < 3; line = in.readLine()) {
                if (line.startsWith("\"")) {
                    items++; // chunk sizes and headers are the other lines
                }
            }
            assertEquals(3, items);
        } // closed after three items

        assertTrue(gate.awaitStreamClosed(), "the producer's stream was closed (its onClose ran)");
        int produced = gate.producedItems();
        assertTrue(produced < 10_000, "it stopped producing: " + produced);
        var router = server.running().orElseThrow().controller().router("HelloIngress");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (router.stats().running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, router.stats().running(), "the stream gave its replica slot back");
    }

    @Test
    void anUnknownPathIsNotFoundAndAKnownPathWithAnotherMethodIsNotAllowed() throws Exception {
        start(HelloApplication.DEFAULT_SPEC, TIMEOUT);

        JsonNode notFound = assertJsonError(404, "Not Found", get("/nope"));
        HttpResponse<String> wrongMethod = get("/hello");

        assertTrue(notFound.get("message").asText().contains("POST /hello"), notFound.toString());
        assertJsonError(405, "Method Not Allowed", wrongMethod);
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void portIsTheBoundPortWhileRunningOnly() {
        TrellisServer built = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0)
                .build();
        assertEquals(-1, built.port());

        server = built.start();

        assertTrue(server.port() > 0);
        assertThrows(IllegalStateException.class, server::start);
        server.stop();
        assertEquals(-1, server.port());
    }

    @Test
    void aRouteOnTheHealthPathIsRefusedAtBuild() {
        HelloApplication hello = new HelloApplication();
        ApplicationGraph graph = variant(hello, List.of(IngressRoute.withoutBody(HttpVerb.GET, TrellisServer.HEALTH_PATH,
                HelloIngressHandle.PING)), hello.requestTimeout());

        assertThrows(IllegalArgumentException.class, () -> TrellisServer.builder().application(graph).build());
    }

    @Test
    void aRouteUnderHelidonsObservePathIsRefusedAtBuildSayingWhy() {
        HelloApplication hello = new HelloApplication();
        ApplicationGraph graph = variant(hello, List.of(IngressRoute.withoutBody(HttpVerb.GET,
                TrellisServer.OBSERVE_HEALTH_PATH + "/mine", HelloIngressHandle.PING)), hello.requestTimeout());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> TrellisServer.builder().application(graph).build());
        assertTrue(refused.getMessage().contains("/observe/health/mine, which is reserved"), refused.getMessage());
    }

    @Test
    void aRouteUnderTheDashboardIsRefusedAtBuildSayingWhy() {
        HelloApplication hello = new HelloApplication();
        for (String path : List.of("/dashboard", "/dashboard/mine")) {
            ApplicationGraph graph = variant(hello, List.of(IngressRoute.withoutBody(HttpVerb.GET, path,
                    HelloIngressHandle.PING)), hello.requestTimeout());

            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> TrellisServer.builder().application(graph).build());
            assertTrue(refused.getMessage().contains(path + ", which is reserved for the server's health checks, status,"
                    + " metrics and dashboard"), refused.getMessage());
        }
    }

    /** {@code base} with other routes and another request timeout. */
    private static ApplicationGraph variant(ApplicationGraph base, List<IngressRoute> routes, Duration requestTimeout) {
        return new ApplicationGraph() {
            @Override
            public String name() {
                return base.name();
            }

            @Override
            public String ingress() {
                return base.ingress();
            }

            @Override
            public List<DeploymentNode<?>> nodes() {
                return base.nodes();
            }

            @Override
            public List<IngressRoute> routes() {
                return routes;
            }

            @Override
            public String manifestResource() {
                return base.manifestResource();
            }

            @Override
            public Duration requestTimeout() {
                return requestTimeout;
            }
        };
    }

    private void start(DeploymentSpec ingressSpec, Duration requestTimeout) {
        server = TrellisServer.builder()
                .application(new HelloApplication(ingressSpec, gate))
                .host("127.0.0.1")
                .port(0)
                .requestTimeout(requestTimeout)
                .build()
                .start();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path).POST(BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(TIMEOUT);
    }

    private static JsonNode assertJsonError(int status, String error, HttpResponse<String> response)
            throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(error, body.get("error").asText(), response.body());
        assertTrue(body.hasNonNull("message"), response.body());
        return body;
    }
}
