package dev.trellis.runtime.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Reads the model id a call of a multiplexed deployment is addressed to from its metadata into the
 * gRPC context, where the service finds it; a malformed one is refused with {@code INVALID_ARGUMENT}.
 */
enum ModelIdHeader implements ServerInterceptor {
    INSTANCE;

    /** The model id of the call being served, or {@code null}. */
    static final Context.Key<String> MODEL_ID = Context.key("trellis-model-id");

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String modelId = headers.get(GrpcStatuses.MODEL_ID);
        if (modelId == null) {
            return next.startCall(call, headers);
        }
        try {
            dev.trellis.runtime.Multiplexing.checkModelId(modelId);
        } catch (IllegalArgumentException e) {
            call.close(Status.INVALID_ARGUMENT.withDescription(e.getMessage()), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(MODEL_ID, modelId), call, headers, next);
    }
}
