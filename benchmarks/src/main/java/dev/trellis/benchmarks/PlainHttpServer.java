package dev.trellis.benchmarks;

import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A plain Helidon SE web server as the pipeline's baselines use it, with the socket settings a Trellis
 * server has: on loopback, a free port, {@code TCP_NODELAY} on (Helidon leaves it off, which costs about
 * 40 ms a small call), bodies up to {@value #MAX_BODY_BYTES} bytes. Handlers run on Helidon's virtual
 * threads, one per request, as in a Trellis server.
 */
final class PlainHttpServer {

    static final long MAX_BODY_BYTES = 64L << 20;

    private PlainHttpServer() {}

    static WebServer start(Consumer<HttpRouting.Builder> routes) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .maxPayloadSize(MAX_BODY_BYTES)
                .shutdownHook(false)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routes)
                .build()
                .start();
    }

    static byte[] body(ServerRequest request) {
        return request.content().as(byte[].class);
    }

    static String contentType(ServerRequest request) {
        return request.headers().contentType().map(HttpMediaType::text).orElse(null);
    }

    static void sendJson(ServerResponse response, byte[] json) {
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(json);
    }

    /** An error as {@code {"message": ...}}. */
    static void sendError(ServerResponse response, Status status, String message) {
        response.status(status);
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        sendJson(response, ("{\"message\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
