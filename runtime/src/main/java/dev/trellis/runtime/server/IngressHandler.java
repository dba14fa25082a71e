package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.runtime.CallContext;
import dev.trellis.runtime.DeploymentChannel;
import dev.trellis.runtime.DeploymentResponse;
import dev.trellis.runtime.DeploymentTimeoutException;
import dev.trellis.runtime.Multiplexing;
import dev.trellis.runtime.flow.ItemBuffer;
import dev.trellis.runtime.graph.IngressRoute;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Answers one {@link IngressRoute}: decodes the body, calls the ingress deployment and writes its
 * result as JSON. Every outcome becomes a JSON answer; nothing a client sends can make the handler
 * throw. Helidon runs each request on its own virtual thread, so waiting for the call here is cheap.
 *
 * <p>A successful call answers 200 with the result as JSON; a {@code void} method, or one that
 * returns {@code null}, answers 200 with the body {@code null}, so that every success has a JSON body.
 */
final class IngressHandler implements Handler {

    private static final System.Logger LOGGER = System.getLogger(IngressHandler.class.getName());
    private static final Object[] NO_ARGS = {};

    private final IngressRoute route;
    private final DeploymentChannel ingress;
    private final Optional<RequestBodyDecoder> bodyDecoder;
    private final JsonResponses json;
    private static final io.helidon.http.HeaderName MODEL_ID_HEADER =
            io.helidon.http.HeaderNames.create(Multiplexing.HTTP_HEADER);

    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final StreamingAnswer streaming;

    IngressHandler(IngressRoute route, DeploymentChannel ingress, Optional<RequestBodyDecoder> bodyDecoder,
            JsonResponses json, Duration requestTimeout, int maxBodyBytes) {
        this.route = route;
        this.ingress = ingress;
        this.bodyDecoder = bodyDecoder;
        this.json = json;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.streaming = new StreamingAnswer(json);
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        Object[] args;
        String modelId;
        try {
            modelId = modelId(request);
            args = arguments(request);
        } catch (InvalidRequestException e) {
            LOGGER.log(Level.DEBUG, () -> describe() + " refused: " + e.getMessage());
            json.sendError(response, e.status(), e.getMessage());
            return;
        }
        // The request timeout is the deadline of the call and of every call made on its behalf.
        DeploymentResponse<?> call = CallContext.withTimeout(requestTimeout).run(() -> modelId == null
                ? ingress.call(route.method(), args)
                : Multiplexing.addressedTo(modelId, () -> ingress.call(route.method(), args)));
        try {
            Object result = call.get(requestTimeout);
            if (route.method().streaming()) {
                streaming.send(request, response, route.method(), (ItemBuffer<?>) result);
            } else {
                respond(response, result);
            }
        } catch (TimeoutException | DeploymentTimeoutException e) {
            // Either this wait ran out or the call's deadline (the same request timeout) passed first.
            LOGGER.log(Level.DEBUG, () -> describe() + " timed out after " + requestTimeout);
            request.context().register(RequestOutcome.TIMEOUT);
            json.sendError(response, Status.REQUEST_TIMEOUT_408, route.method() + " did not answer within "
                    + requestTimeout.toMillis() + " ms; the call was cancelled");
        } catch (RuntimeException e) {
            HttpFailure failure = HttpFailure.of(e, route.method());
            if (failure.serverFault()) {
                LOGGER.log(Level.WARNING, describe() + " failed", e);
            } else {
                LOGGER.log(Level.DEBUG, () -> describe() + " answered " + failure.status().code() + ": "
                        + failure.message());
            }
            request.context().register(failure.outcome());
            json.sendError(response, failure.status(), failure.message());
        } finally {
            call.cancel(); // no effect on a finished call; stops the work of one nobody waits for any more
        }
    }

    /** The model a request to a multiplexed deployment names in its {@value Multiplexing#HTTP_HEADER} header. */
    private static String modelId(ServerRequest request) throws InvalidRequestException {
        Optional<String> header = request.headers().first(MODEL_ID_HEADER);
        if (header.isEmpty()) {
            return null;
        }
        try {
            return Multiplexing.checkModelId(header.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(Status.BAD_REQUEST_400, Multiplexing.HTTP_HEADER + ": " + e.getMessage());
        }
    }

    private Object[] arguments(ServerRequest request) throws InvalidRequestException {
        if (bodyDecoder.isEmpty()) {
            return NO_ARGS;
        }
        String contentType = request.headers().contentType().map(type -> type.text()).orElse(null);
        return new Object[] {bodyDecoder.get().decode(readBody(request), contentType)};
    }

    /** Reads at most {@code maxBodyBytes}; Helidon already refuses a larger declared Content-Length. */
    private byte[] readBody(ServerRequest request) throws InvalidRequestException {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        byte[] body;
        long declared = request.headers().contentLength().orElse(-1);
        try (InputStream in = request.content().inputStream()) {
            // A declared length (Helidon has checked it against the limit) is read into an array of that
            // size at once; a chunked body grows one, up to one byte past the limit to notice a larger one.
            if (declared >= 0 && declared <= maxBodyBytes) {
                body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                body = read == body.length ? body : java.util.Arrays.copyOf(body, read); // the client sent less
            } else {
                body = in.readNBytes(maxBodyBytes + 1);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidRequestException(Status.BAD_REQUEST_400, "request body could not be read: "
                    + e.getMessage());
        }
        if (body.length > maxBodyBytes) {
            throw new InvalidRequestException(Status.REQUEST_ENTITY_TOO_LARGE_413, "request body is larger than "
                    + maxBodyBytes + " bytes");
        }
        return body;
    }

    private void respond(ServerResponse response, Object result) {
        byte[] body;
        try {
            body = json.toJson(result);
        } catch (JsonProcessingException e) {
            LOGGER.log(Level.WARNING, describe() + ": the result could not be written as JSON", e);
            json.sendError(response, Status.INTERNAL_SERVER_ERROR_500, route.method()
                    + " returned a value that cannot be written as JSON: " + e.getOriginalMessage());
            return;
        }
        json.send(response, Status.OK_200, body);
    }

    private String describe() {
        return route.verb() + " " + route.path();
    }
}
