package dev.trellis.runtime.control;

/** A new target that the controller cannot apply to the running application; nothing was changed. */
public final class UpdateRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UpdateRefusedException(String message) {
        super(message);
    }
}
