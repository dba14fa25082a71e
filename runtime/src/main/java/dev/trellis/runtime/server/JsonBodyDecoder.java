package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.http.Status;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns one route's request body into the argument of its ingress method. The Jackson reader is built
 * once per route, when the server starts, so a request pays for parsing only; its errors tell the
 * client which type was expected and where the JSON went wrong, without leaking a stack trace.
 */
final class JsonBodyDecoder implements RequestBodyDecoder {

    private static final int MAX_DETAIL_LENGTH = 300;

    private final ObjectReader reader;
    private final String typeName;

    private JsonBodyDecoder(ObjectReader reader, String typeName) {
        this.reader = reader;
        this.typeName = typeName;
    }

    /** A decoder of JSON into {@code type}; trailing content after the JSON value is an error. */
    static JsonBodyDecoder create(ObjectMapper mapper, Type type) {
        ObjectReader reader = mapper.readerFor(mapper.constructType(type))
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return new JsonBodyDecoder(reader, simpleName(type));
    }

    /**
     * @param body the request body
     * @param contentType ignored: JSON is read whatever the client declared, as before
     * @return the decoded argument, never null
     * @throws InvalidRequestException (400) if the body is empty, JSON {@code null}, not JSON, or JSON
     *     of another shape
     */
    @Override
    public Object decode(byte[] body, String contentType) throws InvalidRequestException {
        if (body.length == 0) {
            throw badRequest("request body is empty; expected JSON for " + typeName);
        }
        Object value;
        try {
            value = reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw badRequest("request body is not valid JSON for " + typeName + ": " + describe(e));
        } catch (IOException e) {
            throw badRequest("request body could not be read as JSON for " + typeName + ": " + e.getMessage());
        }
        if (value == null) {
            throw badRequest("request body is JSON null; expected " + typeName);
        }
        return value;
    }

    /** The name of the expected type, as the client reads it in errors: {@code List<Item>}. */
    String typeName() {
        return typeName;
    }

    private static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(Status.BAD_REQUEST_400, message);
    }

    private static String describe(JsonProcessingException e) {
        String detail = String.valueOf(e.getOriginalMessage());
        if (detail.length() > MAX_DETAIL_LENGTH) {
            detail = detail.substring(0, MAX_DETAIL_LENGTH) + "...";
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            detail += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return detail;
    }

    static String simpleName(Type type) {
        if (type instanceof Class<?> type1) {
            return type1.getSimpleName().isEmpty() ? type1.getName() : type1.getSimpleName();
        }
        if (type instanceof ParameterizedType parameterized) {
            return simpleName(parameterized.getRawType()) + Arrays.stream(parameterized.getActualTypeArguments())
                    .map(JsonBodyDecoder::simpleName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType array) {
            return simpleName(array.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }
}
