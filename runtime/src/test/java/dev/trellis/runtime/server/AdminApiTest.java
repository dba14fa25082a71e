package dev.trellis.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.control.ReplicaState;
import dev.trellis.runtime.control.ReplicaStatus;
import dev.trellis.runtime.testapp.HelloApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API: its token, and applying, refusing and rolling back a deployment YAML on a running
 * application while it serves.
 */
class AdminApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "a-token-of-more-than-sixteen-characters";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private TrellisServer server;

    @BeforeEach
    void start() {
        server = TrellisServer.builder().application(new HelloApplication()).host("127.0.0.1").port(0).adminPort(0)
                .adminToken(TOKEN).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        client.close();
    }

    private HttpResponse<String> admin(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path))
                .timeout(TIMEOUT).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }

    private List<String> greeters() {
        return server.running().orElseThrow().status().deployment("Greeter").replicas().stream()
                .filter(replica -> replica.state() == ReplicaState.RUNNING).map(ReplicaStatus::id).sorted().toList();
    }

    private void awaitGreeters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (greeters().size() != count || server.running().orElseThrow().status().deployment("Greeter").replicas()
                .size() != count) {
            assertTrue(System.nanoTime() < deadline, "Greeter never had " + count + " replicas: " + greeters());
            Thread.sleep(20);
        }
    }

    @Test
    void aDeploymentYamlAtTheBodyLimitIsReadAndOnePastItIsRefused413() throws Exception {
        int limit = 4 * 1024 * 1024;
        String atTheLimit = "# " + "x".repeat(limit - 3) + "\n";
        assertEquals(limit, atTheLimit.length());

        HttpResponse<String> read = admin("POST", "/admin/apply", atTheLimit, TOKEN);
        HttpResponse<String> past = admin("POST", "/admin/apply", atTheLimit + "x", TOKEN);

        // Read, and refused by the YAML reader's own limit (a million characters) with its problem.
        assertEquals(400, read.statusCode(), read.body().substring(0, Math.min(300, read.body().length())));
        assertEquals(413, past.statusCode(), past.body());
        assertEquals("application/json", past.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(past.body().contains("at most " + limit + " bytes"), past.body());
    }

    @Test
    void everyCallNeedsTheTokenAndTheApplicationsPortServesNoAdminPath() throws Exception {
        HttpResponse<String> none = admin("GET", "/admin/status", null, null);
        HttpResponse<String> wrong = admin("GET", "/admin/status", null, TOKEN + "x");
        HttpResponse<String> right = admin("GET", "/admin/status", null, TOKEN);

        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals("Unauthorized", JSON.readTree(none.body()).get("error").asText());
        assertEquals(401, wrong.statusCode());
        assertEquals(401, admin("POST", "/admin/apply", "applications: []", null).statusCode());
        assertEquals(200, right.statusCode());
        assertEquals("hello", JSON.readTree(right.body()).get("application").asText(), right.body());
        HttpResponse<String> public_ = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/admin/status")).header("Authorization", "Bearer " + TOKEN).build(), BodyHandlers.ofString());
        assertEquals(404, public_.statusCode(), "the public port has no admin API");
        assertTrue(server.adminPort() != server.port());
    }

    @Test
    void deletingTheApplicationStopsItsReplicasAndTheServer() throws Exception {
        assertEquals(401, admin("DELETE", "/admin/application", null, null).statusCode());
        assertTrue(server.running().isPresent());

        HttpResponse<String> deleted = admin("DELETE", "/admin/application", null, TOKEN);

        assertEquals(202, deleted.statusCode(), deleted.body());
        assertEquals("deleting", JSON.readTree(deleted.body()).get("action").asText());
        server.whenStopped().get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(-1, server.port(), "the server stopped");
        assertEquals(dev.trellis.runtime.control.ApplicationStatus.State.STOPPING,
                server.running().orElseThrow().status().state(), "the application stopped");
    }

    @Test
    void replicaCountsChangeInPlaceUnderLoadAndRollBack() throws Exception {
        awaitGreeters(2);
        List<String> before = greeters();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<CompletableFuture<List<Integer>>> load = load(loading);

        HttpResponse<String> applied = admin("POST", "/admin/apply",
                "applications: [{name: hello, deployments: [{name: Greeter, numReplicas: 3}]}]", TOKEN);
        assertEquals(200, applied.statusCode(), applied.body());
        JsonNode answer = JSON.readTree(applied.body());
        assertEquals("applied", answer.get("action").asText());
        assertEquals("Greeter", answer.get("deployments").get(0).get("name").asText(), applied.body());
        assertEquals("in place", answer.get("deployments").get(0).get("change").asText(), applied.body());
        assertEquals("scaling 2 replicas -> 3 replicas", answer.get("deployments").get(0).get("fields").get(0).asText());
        assertEquals("unchanged", answer.get("deployments").get(1).get("change").asText(), applied.body());
        awaitGreeters(3);
        assertTrue(greeters().containsAll(before), "the replicas that ran keep serving: " + before + " in " + greeters());

        HttpResponse<String> rolledBack = admin("POST", "/admin/rollback", null, TOKEN);
        assertEquals(200, rolledBack.statusCode(), rolledBack.body());
        assertEquals("rolled back", JSON.readTree(rolledBack.body()).get("action").asText());
        awaitGreeters(2);
        HttpResponse<String> nothing = admin("POST", "/admin/rollback", null, TOKEN);
        assertEquals(409, nothing.statusCode());
        assertTrue(JSON.readTree(nothing.body()).get("message").asText().startsWith("Nothing to roll back to"));

        assertNoRequestFailed(loading, load);
    }

    @Test
    void aBrokenYamlOrAChangeOnlyARestartMakesChangesNothing() throws Exception {
        HttpResponse<String> broken = admin("POST", "/admin/apply",
                "applications:\n  - name: hello\n    deployments:\n      - name: Greeter\n        numReplicas: many\n", TOKEN);
        assertEquals(400, broken.statusCode());
        assertEquals("The deployment YAML (request body):5:22 sets deployment 'Greeter' numReplicas to the string"
                + " \"many\", which is not a whole number of at least 1", JSON.readTree(broken.body()).get("message").asText());
        assertEquals(2, server.running().orElseThrow().target().deployment("Greeter").scaling().initialReplicas());

        for (String refused : List.of(
                "applications: [{name: hello, deployments: [{name: Greeter, numReplicas: 3}], requestTimeoutMillis: 1234}]",
                "applications: [{name: hello, routePrefix: /v2}]",
                "applications: [{name: hello, topology: processes}]")) {
            HttpResponse<String> conflict = admin("POST", "/admin/apply", refused, TOKEN);
            assertEquals(409, conflict.statusCode(), refused);
            assertTrue(JSON.readTree(conflict.body()).get("message").asText().endsWith("nothing was changed"),
                    conflict.body());
        }
        HttpResponse<String> limits = admin("POST", "/admin/apply", "applications: [{name: hello, deployments: [{name:"
                + " Shouter, maxOngoingRequests: 9, maxQueuedRequests: 40}]}]", TOKEN);
        assertEquals(200, limits.statusCode(), limits.body());
        assertTrue(limits.body().contains("{\"name\":\"Shouter\",\"change\":\"in place\",\"fields\":[\"maxOngoingRequests"
                + " (5 -> 9)\",\"maxQueuedRequests ("), limits.body());
        dev.trellis.runtime.routing.Router shouters = server.running().orElseThrow().controller().router("Shouter");
        assertEquals(9, shouters.maxOngoingRequests(), "the callers' router took them");
        assertEquals(40, shouters.maxQueuedRequests());
        assertEquals(2, server.running().orElseThrow().target().deployment("Greeter").scaling().initialReplicas(),
                "nothing changed, the Greeter's count neither");

        HttpResponse<String> other = admin("POST", "/admin/apply", "applications: [{name: shop}]", TOKEN);
        assertEquals(400, other.statusCode());
        assertTrue(other.body().contains("no entry for application 'hello'"), other.body());
    }

    @Test
    void aChangeOfWhatReplicasHoldRollsThemOverUnderLoadAndBack() throws Exception {
        awaitGreeters(2);
        List<String> first = greeters();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<CompletableFuture<List<Integer>>> load = load(loading);

        HttpResponse<String> applied = admin("POST", "/admin/apply", "applications: [{name: hello, deployments:"
                + " [{name: Greeter, numReplicas: 2, version: v2}]}]", TOKEN);
        assertEquals(200, applied.statusCode(), applied.body());
        JsonNode greeter = JSON.readTree(applied.body()).get("deployments").get(0);
        assertEquals("rolled", greeter.get("change").asText(), applied.body());
        assertEquals("[\"version ( -> v2)\"]", greeter.get("fields").toString());
        List<String> second = awaitReplaced(first);
        assertEquals("v2", server.running().orElseThrow().status().deployment("Greeter").version());

        HttpResponse<String> rolledBack = admin("POST", "/admin/rollback", null, TOKEN);
        assertEquals(200, rolledBack.statusCode(), rolledBack.body());
        assertEquals("rolled", JSON.readTree(rolledBack.body()).get("deployments").get(0).get("change").asText());
        awaitReplaced(second);
        assertEquals("", server.running().orElseThrow().status().deployment("Greeter").version());

        assertNoRequestFailed(loading, load);
    }

    /**
     * Waits until the Greeter runs two replicas, none of them one of {@code old}, and only those; returns
     * them. Meanwhile it never runs fewer than two: new replicas come before old ones go.
     */
    private List<String> awaitReplaced(List<String> old) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<String> now = greeters();
            assertTrue(now.size() >= 2, "the Greeter ran fewer replicas than its target during the roll: " + now);
            int all = server.running().orElseThrow().status().deployment("Greeter").replicas().size();
            if (now.size() == 2 && all == 2 && now.stream().noneMatch(old::contains)) {
                return now;
            }
            assertTrue(System.nanoTime() < deadline, "the Greeter's replicas " + old + " were never all replaced: " + now);
            Thread.onSpinWait();
        }
    }

    /** Ends the load and checks that it ran and that every answer was 200. */
    private static void assertNoRequestFailed(AtomicBoolean loading, List<CompletableFuture<List<Integer>>> load) {
        loading.set(false);
        List<Integer> statuses = new ArrayList<>();
        load.forEach(caller -> statuses.addAll(caller.join()));
        assertTrue(statuses.size() > 10, "the load ran: " + statuses.size());
        assertEquals(List.of(), statuses.stream().filter(status -> status != 200).toList(), "no request failed");
    }

    /** Four callers posting to /hello until {@code loading} is cleared, each answering its statuses. */
    private List<CompletableFuture<List<Integer>>> load(AtomicBoolean loading) {
        List<CompletableFuture<List<Integer>>> load = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            load.add(CompletableFuture.supplyAsync(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (loading.get()) {
                    try {
                        statuses.add(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                + "/hello")).POST(BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                                .header("Content-Type", "application/json").build(), BodyHandlers.discarding()).statusCode());
                    } catch (Exception e) {
                        statuses.add(-1);
                    }
                }
                return statuses;
            }));
        }
        return load;
    }
}
