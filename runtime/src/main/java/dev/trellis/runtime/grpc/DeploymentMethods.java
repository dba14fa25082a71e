package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentMethod;
import io.grpc.MethodDescriptor;
import java.util.List;

/** The gRPC method descriptors of one deployment, built once from its generated method table. */
final class DeploymentMethods {

    private final List<MethodDescriptor<byte[], byte[]>> descriptors;

    DeploymentMethods(String application, List<DeploymentMethod<?>> methods) {
        this.descriptors = methods.stream().map(method -> descriptor(application, method)).toList();
    }

    /** The descriptor of the method with this index. */
    MethodDescriptor<byte[], byte[]> get(int index) {
        return descriptors.get(index);
    }

    List<MethodDescriptor<byte[], byte[]>> all() {
        return descriptors;
    }

    private static MethodDescriptor<byte[], byte[]> descriptor(String application, DeploymentMethod<?> method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(method.streaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
                        : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(GrpcNames.fullMethodName(application, method))
                .setRequestMarshaller(BytesMarshaller.INSTANCE)
                .setResponseMarshaller(BytesMarshaller.INSTANCE)
                .build();
    }
}
