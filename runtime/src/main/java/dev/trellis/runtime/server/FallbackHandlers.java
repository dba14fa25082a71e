package dev.trellis.runtime.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import java.util.List;

/**
 * JSON answers for requests no route takes, registered after the routes: an unknown path is 404 and
 * names the routes there are; a known path with another method is 405 with an {@code Allow} header.
 */
final class FallbackHandlers {

    private FallbackHandlers() {
    }

    /** Answers 404 for any request; {@code routes} are listed in the message ("POST /hello"). */
    static Handler notFound(JsonResponses json, List<String> routes) {
        String known = String.join(", ", routes);
        return (request, response) -> json.sendError(response, Status.NOT_FOUND_404, "No route for "
                + request.prologue().method().text() + " " + request.path().path() + "; this server answers "
                + known);
    }

    /** Answers 405 for a path that only {@code allowed} methods serve. */
    static Handler methodNotAllowed(JsonResponses json, String path, List<String> allowed) {
        String allow = String.join(", ", allowed);
        return (request, response) -> {
            response.header(HeaderNames.ALLOW, allow);
            json.sendError(response, Status.METHOD_NOT_ALLOWED_405, path + " does not answer "
                    + request.prologue().method().text() + "; use " + allow);
        };
    }
}
