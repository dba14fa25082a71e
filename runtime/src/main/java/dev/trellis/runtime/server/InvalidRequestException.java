package dev.trellis.runtime.server;

import io.helidon.http.Status;
import java.io.Serial;

/**
 * A request the server refuses before calling the application: its body is missing, too large or not
 * the JSON the route expects. Carries the status and a message meant for the client.
 */
final class InvalidRequestException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    InvalidRequestException(Status status, String message) {
        super(message, null, false, false); // control flow for the client's mistakes: no stack trace needed
        this.status = status;
    }

    Status status() {
        return status;
    }
}
