package dev.trellis.runtime.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/** A client interceptor that puts one header on every call: credentials of one kind or another. */
final class HeaderAdding implements ClientInterceptor {

    private final Metadata.Key<String> key;
    private final String value;

    HeaderAdding(Metadata.Key<String> key, String value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<A> listener, Metadata headers) {
                headers.put(key, value);
                super.start(listener, headers);
            }
        };
    }

    @Override
    public String toString() {
        return "HeaderAdding[" + key.name() + "]"; // never the value: it is a credential
    }
}
