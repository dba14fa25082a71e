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
        return start(0, routes);
    }

    /** On {@code port}, 0 for a free one. */
    static WebServer start(int port, Consumer<HttpRouting.Builder> routes) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .maxPayloadSize(MAX_BODY_BYTES)
                .shutdownHook(false)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routes)
                .build()
                .start();
    }

    /** The request's body; empty when it has none (Helidon would throw). */
    static byte[] body(ServerRequest request) {
        return request.content().hasEntity() ? request.content().as(byte[].class) : new byte[0];
    }

    static String contentType(ServerRequest request) {
        return request.headers().contentType().map(HttpMediaType::text).orElse(null);
    }

    static void sendJson(ServerResponse response, byte[] json) {
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(json);
    }

    /** An error as a Trellis server answers it: {@code {"error": <reason phrase>, "message": ...}}. */
    static void sendError(ServerResponse response, Status status, String message) {
        response.status(status);
        sendJson(response, ("{\"error\":\"" + escape(status.reasonPhrase()) + "\",\"message\":\"" + escape(message)
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
