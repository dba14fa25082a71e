package dev.trellis.runtime.wire;

import java.io.Serial;

/** Bytes that are not a valid encoding: truncated, corrupt, nested too deep, or of the wrong shape. */
public final class WireFormatException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
