package dev.trellis.runtime;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Model multiplexing, as Ray Serve's {@code @serve.multiplexed}: a call addressed to a model id runs on a
 * replica that has loaded that model through the deployment's {@code @Multiplexed} loader, preferably
 * one that already holds it. The caller names the model with the handle's {@code withModelId}, or the
 * {@value #HTTP_HEADER} HTTP header; the method reads it here.
 *
 * <pre>{@code
 * public String translate(String text) {
 *     TranslationModel model = Multiplexing.model(TranslationModel.class);   // loaded for this call
 *     return model.translate(text);
 * }
 * }</pre>
 */
public final class Multiplexing {

    /** The HTTP header that names the model a request is for. */
    public static final String HTTP_HEADER = "Trellis-Model-Id";

    /** The gRPC metadata key that carries it between processes. */
    public static final String GRPC_KEY = "trellis-model-id";

    private static final ThreadLocal<String> OUTGOING = new ThreadLocal<>();
    private static final ThreadLocal<Loaded> CURRENT = new ThreadLocal<>();

    private Multiplexing() {}

    private record Loaded(String modelId, Object model) {}

    /** The model id of the call running on this thread, or {@code null} if it names none. */
    public static String modelId() {
        Loaded loaded = CURRENT.get();
        return loaded == null ? null : loaded.modelId();
    }

    /**
     * The model loaded for the call running on this thread.
     *
     * @throws IllegalStateException if the call names no model
     * @throws ClassCastException if the loader returns another type
     */
    public static <M> M model(Class<M> type) {
        Loaded loaded = CURRENT.get();
        if (loaded == null) {
            throw new IllegalStateException("This call names no model: call through handle.withModelId(id), or"
                    + " send the " + HTTP_HEADER + " header");
        }
        if (loaded.model() == null) {
            throw new IllegalStateException("This deployment loads no models (it has no @Multiplexed method); the"
                    + " call names model '" + loaded.modelId() + "', which it can pass on with withModelId");
        }
        return type.cast(loaded.model());
    }

    /** A channel whose calls are addressed to {@code modelId}: what generated handles' {@code withModelId} use. */
    public static DeploymentChannel channel(DeploymentChannel channel, String modelId) {
        Objects.requireNonNull(channel, "channel");
        checkModelId(modelId);
        return new DeploymentChannel() {
            @Override
            public <R> DeploymentResponse<R> call(DeploymentMethod<R> method, Object[] args) {
                return addressedTo(modelId, () -> channel.call(method, args));
            }
        };
    }

    /**
     * Runs {@code body} with the calls it starts on this thread addressed to {@code modelId}, or to no
     * model when it is {@code null}; for the runtime, which carries a model id across processes and from
     * HTTP requests.
     */
    public static <T> T addressedTo(String modelId, Supplier<T> body) {
        String previous = OUTGOING.get();
        if (modelId == null) {
            OUTGOING.remove(); // addressed to no model, whatever an enclosing call was addressed to
        } else {
            OUTGOING.set(modelId);
        }
        try {
            return body.get();
        } finally {
            if (previous == null) {
                OUTGOING.remove();
            } else {
                OUTGOING.set(previous);
            }
        }
    }

    /** The model id a call started now on this thread is addressed to, or {@code null}; for routers. */
    public static String outgoingModelId() {
        return OUTGOING.get();
    }

    /** Runs {@code body} as the call for {@code modelId}, with {@code model} loaded for it; for replicas. */
    public static <T> T runFor(String modelId, Object model, CallContext.Body<T> body) throws Throwable {
        Loaded previous = CURRENT.get();
        CURRENT.set(new Loaded(modelId, model));
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Checks a model id from outside: 1 to 256 printable ASCII characters, as it travels in headers.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static String checkModelId(String modelId) {
        if (modelId == null || modelId.isEmpty() || modelId.length() > 256
                || !modelId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("A model id is 1 to 256 printable ASCII characters without spaces,"
                    + " was " + (modelId == null ? "null" : "'" + modelId + "'"));
        }
        return modelId;
    }
}
