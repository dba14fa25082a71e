package dev.trellis.runtime.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Sends a call's response headers as soon as the replica has the call, before it runs. A caller that
 * loses the connection before it saw them knows the call never reached the replica and may send it to
 * another one; once it saw them, the call may have run, and a lost connection fails it.
 */
enum AcknowledgeReceipt implements ServerInterceptor {
    INSTANCE;

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        ServerCall<ReqT, RespT> acknowledged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public synchronized void sendHeaders(Metadata responseHeaders) {
                if (!headersSent) {
                    headersSent = true;
                    super.sendHeaders(responseHeaders);
                }
            }
        };
        acknowledged.sendHeaders(new Metadata());
        return next.startCall(acknowledged, headers);
    }
}
