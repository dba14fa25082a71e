package dev.trellis.runtime.grpc;

import dev.trellis.runtime.DeploymentMethod;
import io.grpc.MethodDescriptor;
import java.util.Locale;

/**
 * How deployments and their methods are named on gRPC: the names the processor writes into the
 * application's {@code .proto} ({@code trellis.<app>.<Deployment>/<Method>}), so that a client built
 * from that file reaches the same RPCs as Trellis's own handles.
 */
public final class GrpcNames {

    private GrpcNames() {}

    /** {@code trellis.<application>.<Deployment>}, with characters protobuf does not allow made '_'. */
    public static String serviceName(String application, String deployment) {
        return "trellis." + application.replace('-', '_') + "." + deployment.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The RPC name of a method: its wire name, capitalized ({@code greet} → {@code Greet}). */
    public static String rpcName(DeploymentMethod<?> method) {
        return method.name().substring(0, 1).toUpperCase(Locale.ROOT) + method.name().substring(1);
    }

    /** The full gRPC method name, {@code trellis.hello.Greeter/Greet}. */
    public static String fullMethodName(String application, DeploymentMethod<?> method) {
        return MethodDescriptor.generateFullMethodName(serviceName(application, method.deployment()),
                rpcName(method));
    }
}
