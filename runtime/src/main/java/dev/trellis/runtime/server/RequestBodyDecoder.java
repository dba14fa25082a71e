package dev.trellis.runtime.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.runtime.Upload;
import java.lang.reflect.Type;

/**
 * Turns one route's request body into the argument of its ingress method: JSON for most types, the
 * raw bytes for an {@link Upload} parameter.
 */
interface RequestBodyDecoder {

    /**
     * @param body the request body, already size-limited
     * @param contentType the request's {@code Content-Type}, or {@code null} without one
     * @return the decoded argument, never null
     * @throws InvalidRequestException (4xx) if the body cannot be the argument
     */
    Object decode(byte[] body, String contentType) throws InvalidRequestException;

    /** The decoder of bodies for a parameter of {@code type}. */
    static RequestBodyDecoder create(ObjectMapper mapper, Type type) {
        return type == Upload.class ? UploadDecoder.INSTANCE : JsonBodyDecoder.create(mapper, type);
    }
}
