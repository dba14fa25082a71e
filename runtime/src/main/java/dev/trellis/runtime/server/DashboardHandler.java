package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The live dashboard at {@value #PATH}: a page of plain HTML, CSS and JavaScript from the class path (no
 * CDN, so it works offline), which polls {@code /-/status}, {@code /observe/metrics} and its own {@value
 * #DATA_PATH} and draws the application from them. Only the files listed here are served, so no request
 * can name another resource; anything else under {@value #PATH} is a JSON 404 like the rest of the server.
 */
final class DashboardHandler implements Handler {

    /** The page. */
    static final String PATH = "/dashboard";
    /** What the page cannot read elsewhere: the graph with its hints, the deployment YAML, recent errors. */
    static final String DATA_PATH = PATH + "/application.json";

    private static final String RESOURCES = "dev/trellis/runtime/dashboard/";

    /** The page's own files, by the path they are served at, each with its content type. */
    private static final Map<String, String> ASSETS = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "prometheus.js", "text/javascript; charset=utf-8",
            "graph.js", "text/javascript; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8");

    /** The paths of the page and its files, which hold nothing of the application: open even with an ingress token. */
    static java.util.Set<String> pagePaths() {
        java.util.Set<String> paths = new java.util.HashSet<>(java.util.List.of(PATH, PATH + "/"));
        ASSETS.keySet().forEach(file -> paths.add(PATH + "/" + file));
        return java.util.Set.copyOf(paths);
    }

    /** Scripts and styles come from this server only: the page has no inline code for anything to inject. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'";

    private record Asset(String contentType, byte[] bytes) {}

    private final TrellisApplication application;
    private final RecentErrors errors;
    private final JsonResponses json;
    private final Map<String, Asset> assets;

    /** @throws IllegalStateException if a file of the page is missing from the class path: a broken build */
    DashboardHandler(TrellisApplication application, RecentErrors errors, JsonResponses json) {
        this.application = application;
        this.errors = errors;
        this.json = json;
        this.assets = load();
    }

    void addRoutes(HttpRouting.Builder routing) {
        routing.any(PATH, this);
        routing.any(PATH + "/*", this);
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        String path = request.path().path();
        if (!request.prologue().method().equals(Method.GET)) {
            response.header(HeaderNames.ALLOW, "GET");
            json.sendError(response, Status.METHOD_NOT_ALLOWED_405, path + " does not answer "
                    + request.prologue().method().text() + "; use GET");
            return;
        }
        if (path.equals(DATA_PATH)) {
            sendData(response);
            return;
        }
        String name = path.equals(PATH) || path.equals(PATH + "/") ? "index.html" : path.substring(PATH.length() + 1);
        Asset asset = assets.get(name);
        if (asset == null) {
            json.sendError(response, Status.NOT_FOUND_404, "The dashboard has nothing at " + path + "; it serves "
                    + PATH + ", its files " + String.join(", ", assets.keySet()) + " and " + DATA_PATH);
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        response.header(HeaderNames.CACHE_CONTROL, "no-cache"); // a new build's page is read at once
        response.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
        response.send(asset.bytes());
    }

    private void sendData(ServerResponse response) {
        String topology = application.topology().name().toLowerCase(Locale.ROOT);
        try {
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            json.send(response, Status.OK_200, json.toJson(DashboardModel.render(application.target(), topology,
                    errors)));
        } catch (JsonProcessingException e) {
            json.sendError(response, Status.INTERNAL_SERVER_ERROR_500, "The dashboard's data could not be written: "
                    + e.getOriginalMessage());
        }
    }

    /** Reads every file once: they are a few kilobytes, and a missing one fails at start, not at a visit. */
    private static Map<String, Asset> load() {
        Map<String, Asset> loaded = new LinkedHashMap<>();
        ASSETS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String resource = RESOURCES + entry.getKey();
            try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The dashboard's " + resource + " is not on the class path:"
                            + " the runtime jar is incomplete; rebuild it");
                }
                loaded.put(entry.getKey(), new Asset(entry.getValue(), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("The dashboard's " + resource + " could not be read", e);
            }
        });
        return java.util.Collections.unmodifiableMap(loaded); // sorted: the 404 lists them in order
    }
}
