package dev.trellis.runtime.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.control.TargetChange;
import dev.trellis.runtime.control.UpdateRefusedException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The admin API, on a listener of its own: {@code GET /admin/status}, {@code POST /admin/apply} with a
 * deployment YAML as the body, and {@code POST /admin/rollback} to the target applied before. Every call
 * needs {@code Authorization: Bearer <token>}; a wrong or missing token is refused (401) and logged. A
 * YAML that fails validation, or asks for a change the controller cannot make in place, changes nothing.
 */
final class AdminApi {

    static final String STATUS_PATH = "/admin/status";
    static final String APPLY_PATH = "/admin/apply";
    static final String ROLLBACK_PATH = "/admin/rollback";
    static final String APPLICATION_PATH = "/admin/application";

    /** The largest deployment YAML accepted, as the file reader bounds it. */
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private static final System.Logger LOGGER = System.getLogger(AdminApi.class.getName());


    private final TrellisApplication application;
    private final JsonResponses json;
    private final StatusHandler status;
    private final byte[] token;
    private final Deque<ApplicationTarget> applied = new ArrayDeque<>(); // guarded by this: before the current

    private final java.time.Duration gracefulShutdownTimeout;
    private final Runnable delete;

    /** @param delete stops the server and the application: what {@code DELETE /admin/application} does */
    AdminApi(TrellisApplication application, JsonResponses json, String token, java.time.Duration gracefulShutdownTimeout,
            Runnable delete) {
        this.application = application;
        this.gracefulShutdownTimeout = gracefulShutdownTimeout;
        this.delete = delete;
        this.json = json;
        this.status = new StatusHandler(application, json);
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void addRoutes(HttpRouting.Builder routing) {
        routing.get(STATUS_PATH, authorized(status));
        routing.post(APPLY_PATH, authorized(this::apply));
        routing.post(ROLLBACK_PATH, authorized(this::rollback));
        routing.delete(APPLICATION_PATH, authorized(this::delete));
        routing.any((request, response) -> json.sendError(response, Status.NOT_FOUND_404, "No admin resource at "
                + request.prologue().method().text() + " " + request.path().path() + "; there are GET " + STATUS_PATH
                + ", POST " + APPLY_PATH + ", POST " + ROLLBACK_PATH + " and DELETE " + APPLICATION_PATH));
    }

    private Handler authorized(Handler handler) {
        return (request, response) -> {
            String presented = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
            boolean bearer = presented.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length()); // schemes ignore case
            byte[] candidate = bearer ? presented.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            if (!MessageDigest.isEqual(token, candidate)) { // constant time: no timing tells how much matched
                LOGGER.log(Level.WARNING, "Admin API: refused {0} {1} from {2}: {3}", request.prologue().method().text(),
                        request.path().path(), request.remotePeer().address(),
                        presented.isEmpty() ? "no token" : "a wrong token");
                response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                json.sendError(response, Status.UNAUTHORIZED_401, "The admin API needs the application's token:"
                        + " Authorization: Bearer <token> (printed at start, or set with -Dtrellis.adminToken)");
                return;
            }
            handler.handle(request, response);
        };
    }

    private void apply(ServerRequest request, ServerResponse response) throws IOException {
        String text;
        try (InputStream body = request.content().inputStream()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                json.sendError(response, Status.REQUEST_ENTITY_TOO_LARGE_413, "A deployment YAML may have at most "
                        + MAX_BODY_BYTES + " bytes");
                return;
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        DeploymentYaml yaml = DeploymentYaml.parse(text, "(request body)");
        ApplicationTarget next;
        try {
            next = ApplicationTarget.builder(application.target().graph())
                    .gracefulShutdownTimeout(gracefulShutdownTimeout)
                    .deploymentYaml(yaml).build();
        } catch (ApplicationStartException e) {
            json.sendError(response, Status.BAD_REQUEST_400, e.getMessage());
            return;
        }
        var entry = yaml.application(application.name());
        if (entry.isEmpty()) {
            json.sendError(response, Status.BAD_REQUEST_400, "The deployment YAML has no entry for application '"
                    + application.name() + "': nothing to apply");
            return;
        }
        if (entry.get().topology().isPresent() && entry.get().topology().get() != application.topology()) {
            json.sendError(response, Status.CONFLICT_409, "The deployment YAML asks for the "
                    + entry.get().topology().get().name().toLowerCase(java.util.Locale.ROOT) + " topology; the application"
                    + " runs in " + application.topology().name().toLowerCase(java.util.Locale.ROOT)
                    + ", which only a restart changes; nothing was changed");
            return;
        }
        applyAndAnswer(next, response, true);
    }

    /**
     * Deletes the application: answers at once, then stops it as SIGTERM would (the ingress first, every
     * replica drained with its grace), and with it this server; a process started by {@code TrellisMain}
     * then exits.
     */
    private void delete(ServerRequest request, ServerResponse response) {
        LOGGER.log(Level.INFO, "Admin API: deleting application ''{0}'' at the request of {1}", application.name(),
                request.remotePeer().address());
        // Once the answer is out (the stopping server would cut it off on its connection), and not on this
        // request's thread: stopping the server waits for the requests it serves, this one too.
        response.whenSent(() -> Thread.ofPlatform().name("trellis-admin-delete").start(delete));
        json.send(response, Status.ACCEPTED_202, json.toJson("application", application.name(), "action", "deleting",
                "message", "every replica drains and stops, then the server"));
    }

    /** Re-applies the target before the current one; one lock from reading it to popping it, so that an apply between cannot be undone or lost. */
    private synchronized void rollback(ServerRequest request, ServerResponse response) {
        ApplicationTarget previous = applied.peekLast();
        if (previous == null) {
            json.sendError(response, Status.CONFLICT_409, "Nothing to roll back to: no deployment YAML was applied"
                    + " since the application started");
            return;
        }
        applyAndAnswer(previous, response, false);
    }

    private synchronized void applyAndAnswer(ApplicationTarget next, ServerResponse response, boolean forward) {
        ApplicationTarget current = application.target();
        List<TargetChange> changes;
        try {
            changes = application.apply(next);
        } catch (UpdateRefusedException e) {
            json.sendError(response, Status.CONFLICT_409, e.getMessage() + "; nothing was changed");
            return;
        } catch (IllegalStateException e) {
            json.sendError(response, Status.SERVICE_UNAVAILABLE_503, e.getMessage());
            return;
        }
        if (forward) {
            applied.addLast(current);
        } else {
            applied.pollLast();
        }
        ObjectNode answer = json.mapper().createObjectNode();
        answer.put("application", application.name());
        answer.put("action", forward ? "applied" : "rolled back");
        ArrayNode deployments = answer.putArray("deployments");
        for (TargetChange change : changes) {
            ObjectNode one = deployments.addObject();
            one.put("name", change.deployment());
            one.put("change", switch (change.kind()) {
                case UNCHANGED -> "unchanged";
                case IN_PLACE -> "in place";
                case ROLLED -> "rolled";
            });
            change.fields().forEach(one.putArray("fields")::add);
        }
        try {
            json.send(response, Status.OK_200, json.toJson(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json.sendError(response, Status.INTERNAL_SERVER_ERROR_500, "The answer could not be written");
        }
    }
}
