package dev.trellis.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

/**
 * The ingress benchmark's baseline: {@code POST /noop} on a bare Helidon SE server, doing the JSON work
 * {@link NoopIngress} does behind Trellis's ingress (read a {@link Ping} with Jackson, write a
 * {@link Pong}), with the socket settings a Trellis server has. {@code RawJsonServer <port>}.
 */
public final class RawJsonServer {

    private RawJsonServer() {}

    public static void main(String[] args) {
        ObjectMapper json = new ObjectMapper();
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> routing.post("/noop", (request, response) -> {
                    Ping ping;
                    try {
                        ping = json.readValue(request.content().inputStream(), Ping.class);
                    } catch (java.io.IOException e) {
                        response.status(Status.BAD_REQUEST_400).send(e.getMessage());
                        return;
                    }
                    response.header(HeaderValues.CONTENT_TYPE_JSON);
                    response.send(json.writeValueAsBytes(Pong.of(ping)));
                }))
                .build()
                .start();
        System.out.println("READY " + server.port());
    }
}
