package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.flow.ItemBuffer;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;

/**
 * Answers an ingress call of a streaming method over HTTP as its items come: chunked newline-delimited
 * JSON ({@code application/x-ndjson}, one item per line), or server-sent events ({@code text/event-stream},
 * one {@code data:} event per item) when the client accepts those. Each item is flushed as soon as it is
 * written, so the client sees it when the replica produced it.
 *
 * <p>The status line has gone out with the first item, so a failure after it cannot change the status:
 * it is written as a last line {@code {"error":...,"message":...}} (an {@code event: error} for SSE) and
 * the response ends. A client that goes away stops the producer: the next write fails, and the stream is
 * cancelled.
 */
final class StreamingAnswer {

    private static final System.Logger LOGGER = System.getLogger(StreamingAnswer.class.getName());
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String NDJSON = "application/x-ndjson";

    private final JsonResponses json;

    StreamingAnswer(JsonResponses json) {
        this.json = json;
    }

    void send(ServerRequest request, ServerResponse response, DeploymentMethod<?> method, ItemBuffer<?> items) {
        boolean events = request.headers().first(HeaderNames.ACCEPT).map(accept -> accept.contains(EVENT_STREAM))
                .orElse(false);
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, events ? EVENT_STREAM : NDJSON);
        response.header(HeaderValues.CACHE_NO_CACHE);
        try {
            OutputStream out = response.outputStream();
            try {
                writeItems(out, events, method, items);
            } finally {
                close(out);
            }
        } catch (ClientGone e) {
            items.cancel(); // the client went away: stop the producer, free its slot
            LOGGER.log(Level.DEBUG, () -> method + ": the client went away during the stream: " + e.getCause());
        }
    }

    /**
     * A write to the client failed: it closed the connection. Helidon reports that as an
     * {@link IOException}, an {@link UncheckedIOException} or its own {@code ServerConnectionException},
     * a {@link RuntimeException}: whatever the output stream throws means the same here.
     */
    private static final class ClientGone extends Exception {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        ClientGone(Exception cause) {
            super(cause);
        }
    }

    private void writeItems(OutputStream out, boolean events, DeploymentMethod<?> method, ItemBuffer<?> items)
            throws ClientGone {
        while (true) {
            Object item;
            try {
                item = items.take();
            } catch (InterruptedException e) {
                items.cancel();
                Thread.currentThread().interrupt();
                return;
            } catch (CancellationException e) {
                return; // cancelled here, nothing more to say
            } catch (RuntimeException failure) {
                // The producer failed after the items before: the status went out with them.
                HttpFailure mapped = HttpFailure.of(failure, method);
                if (mapped.serverFault()) {
                    LOGGER.log(Level.WARNING, method + " failed while streaming", failure);
                }
                writeError(out, events, json.toJson("error", mapped.status().reasonPhrase(), "message", mapped.message()));
                return;
            }
            if (item == null) {
                return;
            }
            byte[] line;
            try {
                line = json.toJson(item);
            } catch (JsonProcessingException e) {
                items.cancel();
                LOGGER.log(Level.WARNING, method + ": an item could not be written as JSON", e);
                writeError(out, events, json.toJson("error", "Internal Server Error", "message",
                        method + " produced an item that cannot be written as JSON: " + e.getOriginalMessage()));
                return;
            }
            write(out, events ? "data: " : null, line, events ? "\n\n" : "\n");
        }
    }

    private static void writeError(OutputStream out, boolean events, byte[] error) throws ClientGone {
        write(out, events ? "event: error\ndata: " : null, error, events ? "\n\n" : "\n");
    }

    private static void write(OutputStream out, String prefix, byte[] body, String suffix) throws ClientGone {
        try {
            if (prefix != null) {
                out.write(prefix.getBytes(StandardCharsets.US_ASCII));
            }
            out.write(body);
            out.write(suffix.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }

    private static void close(OutputStream out) throws ClientGone {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            throw new ClientGone(e);
        }
    }
}
