package dev.trellis.runtime.graph;

/**
 * Encodes a deployment's calls for the wire: each method's arguments as one protobuf message and its
 * result as another, as the application's generated {@code .proto} describes them. Generated per
 * deployment ({@code <Deployment>Wire}); local calls never use it.
 */
public interface DeploymentWire {

    /**
     * The deployment's methods, by index: the RPCs of its gRPC service, named as in the generated
     * {@code .proto}.
     */
    java.util.List<dev.trellis.runtime.DeploymentMethod<?>> methods();

    /** The arguments of method {@code method} as a request message. */
    byte[] encodeRequest(int method, Object[] args);

    /**
     * The arguments of method {@code method} read from a request message.
     *
     * @throws dev.trellis.runtime.wire.WireFormatException if the bytes are not such a message
     */
    Object[] decodeRequest(int method, byte[] bytes);

    /** The result of method {@code method} as a response message; {@code null} for {@code void}. */
    byte[] encodeResponse(int method, Object result);

    /**
     * The result of method {@code method} read from a response message.
     *
     * @throws dev.trellis.runtime.wire.WireFormatException if the bytes are not such a message
     */
    Object decodeResponse(int method, byte[] bytes);
}
