package dev.trellis.runtime.server;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers what Helidon refuses before any route sees the request (a body declared larger than the limit,
 * headers or a request line too long, a request it cannot parse) with the same JSON error body as
 * every other refusal, {@code {"error": <reason phrase>, "message": ...}}, instead of Helidon's plain text.
 * The message is Helidon's own summary, never a stack trace.
 */
final class JsonDirectHandler implements DirectHandler {

    private final JsonResponses json;
    private final int maxHeaderBytes;

    /** @param maxHeaderBytes the headers' limit, named when Helidon says no more than "Bad Request" */
    JsonDirectHandler(JsonResponses json, int maxHeaderBytes) {
        this.json = json;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        String said = message == null || message.isBlank() ? status.reasonPhrase() : message;
        if (eventType == EventType.BAD_REQUEST && said.equals(status.reasonPhrase())) {
            // Helidon says only this of headers over the limit (and of a request it cannot parse at all).
            said = "the request could not be read: its request line or headers are malformed, or its headers are"
                    + " larger than " + maxHeaderBytes + " bytes together";
        }
        // A message may quote what the client sent: keep it short and on one line.
        String trimmed = said.replaceAll("\\s+", " ");
        if (trimmed.length() > 300) {
            trimmed = trimmed.substring(0, 300) + "…";
        }
        headers.set(HeaderValues.CONTENT_TYPE_JSON);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(json.toJson("error", status.reasonPhrase(), "message", trimmed))
                .build();
    }
}
