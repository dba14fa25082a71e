package dev.trellis.runtime.testapp;

import dev.trellis.runtime.graph.DeploymentWire;

/**
 * The wire of the hand-written test graphs, which only ever run in one JVM: local calls pass objects
 * and never encode, so encoding or decoding is a bug in the runtime and fails loudly. It lists no
 * methods, so a server offers nothing of these graphs over gRPC.
 */
public enum LocalOnlyWire implements DeploymentWire {
    INSTANCE;

    @Override
    public java.util.List<dev.trellis.runtime.DeploymentMethod<?>> methods() {
        return java.util.List.of();
    }

    /** The same wire, listing {@code methods}: for runtime code that looks a method up by name. */
    public static DeploymentWire listing(dev.trellis.runtime.DeploymentMethod<?>... methods) {
        java.util.List<dev.trellis.runtime.DeploymentMethod<?>> listed = java.util.List.of(methods);
        return new DeploymentWire() {
            @Override
            public java.util.List<dev.trellis.runtime.DeploymentMethod<?>> methods() {
                return listed;
            }

            @Override
            public byte[] encodeRequest(int method, Object[] args) {
                return INSTANCE.encodeRequest(method, args);
            }

            @Override
            public Object[] decodeRequest(int method, byte[] bytes) {
                return INSTANCE.decodeRequest(method, bytes);
            }

            @Override
            public byte[] encodeResponse(int method, Object result) {
                return INSTANCE.encodeResponse(method, result);
            }

            @Override
            public Object decodeResponse(int method, byte[] bytes) {
                return INSTANCE.decodeResponse(method, bytes);
            }
        };
    }

    @Override
    public byte[] encodeRequest(int method, Object[] args) {
        throw new AssertionError("a local call was encoded");
    }

    @Override
    public Object[] decodeRequest(int method, byte[] bytes) {
        throw new AssertionError("a local call was decoded");
    }

    @Override
    public byte[] encodeResponse(int method, Object result) {
        throw new AssertionError("a local result was encoded");
    }

    @Override
    public Object decodeResponse(int method, byte[] bytes) {
        throw new AssertionError("a local result was decoded");
    }
}
