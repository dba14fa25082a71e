package dev.trellis.samples.tagging.ocr;

import java.util.Objects;

/**
 * An upload that is not an image this service takes; the message says what was wrong and what to send
 * instead, and {@link #reason()} says which HTTP status answers it. An {@link IllegalArgumentException}:
 * the client sent it, so a Trellis ingress answers 400 with the message, also when a step behind the
 * ingress rejects it.
 */
public final class ImageRejectedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why an upload was rejected, and the HTTP status that says so. */
    public enum Reason {
        /** No bytes at all. */
        EMPTY(400),
        /** Bytes that no image reader recognises (text, a PDF, a format ImageIO lacks). */
        NOT_AN_IMAGE(415),
        /** A recognised format whose data is truncated or damaged. */
        CORRUPT(400),
        /** More bytes or more pixels than the limits allow. */
        TOO_LARGE(413);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status that answers this upload: 400, 413 or 415. */
    public int httpStatus() {
        return reason.httpStatus();
    }
}
