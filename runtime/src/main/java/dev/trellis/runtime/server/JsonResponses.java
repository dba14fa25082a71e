package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * Writes every answer of the server as JSON, errors included, so that clients parse one format:
 * {@code {"error":"Bad Request","message":"..."}} next to the status code.
 */
final class JsonResponses {

    private static final byte[] UNWRITABLE_ERROR = "{\"error\":\"Internal Server Error\"}"
            .getBytes(StandardCharsets.UTF_8);

    /** Told of every error answer sent, as the dashboard's recent errors keep them. */
    @FunctionalInterface
    interface ErrorListener {
        ErrorListener NONE = (status, message) -> { };

        void errorSent(int status, String message);
    }

    private final ObjectMapper mapper;
    private final ErrorListener errors;

    JsonResponses(ObjectMapper mapper) {
        this(mapper, ErrorListener.NONE);
    }

    private JsonResponses(ObjectMapper mapper, ErrorListener errors) {
        this.mapper = mapper;
        this.errors = errors;
    }

    /** The same answers, each error among them also told to {@code listener}: one route's errors, for the dashboard. */
    JsonResponses recordingErrors(ErrorListener listener) {
        return new JsonResponses(mapper, listener);
    }

    /** The mapper it writes with, for answers built as trees. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** {@code value} as JSON bytes. */
    byte[] toJson(Object value) throws JsonProcessingException {
        return mapper.writeValueAsBytes(value);
    }

    /** An object of string fields, for fixed bodies such as the health answer. */
    byte[] toJson(String... namesAndValues) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return UNWRITABLE_ERROR; // a tree of strings always serialises; kept for the checked exception
        }
    }

    void send(ServerResponse response, Status status, byte[] json) {
        response.status(status);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(json);
    }

    /** Sends {@code {"error": <reason phrase>, "message": message}} with {@code status}. */
    void sendError(ServerResponse response, Status status, String message) {
        errors.errorSent(status.code(), message);
        send(response, status, toJson("error", status.reasonPhrase(), "message", message));
    }
}
