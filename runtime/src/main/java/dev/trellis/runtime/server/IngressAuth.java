package dev.trellis.runtime.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bearer token the ingress requires when one is configured ({@code -Dtrellis.ingressToken}): every
 * HTTP request but those of probes, scrapers and the dashboard's page ({@link #guardedPaths}), and every
 * call to the gRPC ingress, must carry {@code Authorization: Bearer <token>};
 * the token is compared in constant time, and a request without it is answered 401 (gRPC:
 * {@code UNAUTHENTICATED}) and logged. Health and metrics stay open for probes and scrapers.
 */
final class IngressAuth {

    private static final System.Logger LOGGER = System.getLogger(IngressAuth.class.getName());
    private static final String SCHEME = "Bearer ";
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final String application;
    private final byte[] token;
    private final dev.trellis.runtime.grpc.RefusalLog log = new dev.trellis.runtime.grpc.RefusalLog(LOGGER);

    IngressAuth(String application, String token) {
        this.application = application;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code header} (an {@code Authorization} value, or null) presents the token. */
    private boolean accepts(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = header.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, presented); // constant time: no timing tells how much matched
    }

    /** Refuses the requests to paths {@code guarded} says without the token. */
    Filter httpFilter(Predicate<String> guarded, JsonResponses json) {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            String path = request.path().path();
            // Open only as the probes ask: a path written otherwise (';' parameters, escapes, dot segments)
            // could be routed by its raw form somewhere the decoded one does not say.
            boolean plain = path.equals(request.path().rawPath());
            if ((plain && !guarded.test(path)) || accepts(request.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                chain.proceed();
                return;
            }
            refused(request.prologue().method().text() + " " + path);
            request.context().register(RequestOutcome.USER_ERROR);
            response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"" + application + "\"");
            json.sendError(response, Status.UNAUTHORIZED_401, "This application's ingress needs its token:"
                    + " Authorization: Bearer <token>");
        };
    }

    /** Refuses the gRPC ingress's calls without the token. */
    ServerInterceptor grpcInterceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                if (accepts(headers.get(AUTHORIZATION))) {
                    return next.startCall(call, headers);
                }
                refused(call.getMethodDescriptor().getFullMethodName());
                call.close(io.grpc.Status.UNAUTHENTICATED.withDescription("this application's ingress needs its"
                        + " token: authorization: Bearer <token>"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
        };
    }

    /**
     * The paths it guards: all but the health checks, the metrics and the dashboard's page and scripts
     * (which hold nothing of the application; the page sends the token it is opened with). Guarding all
     * else, rather than the routes by name, leaves no way around it through how Helidon matches a path
     * (a pattern route, a path parameter, {@code ;} parameters), and a stranger's 404 lists no routes.
     */
    static Predicate<String> guardedPaths() {
        Set<String> open = DashboardHandler.pagePaths();
        return path -> !(path.equals(TrellisServer.HEALTH_PATH) || path.equals("/observe") || path.startsWith("/observe/")
                || open.contains(path));
    }

    private void refused(String what) {
        log.refused(since -> "The ingress of '" + application + "' refused " + since + " request(s) without its token,"
                + " the last " + what);
    }
}
