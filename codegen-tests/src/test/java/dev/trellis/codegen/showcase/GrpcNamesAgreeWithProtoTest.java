package dev.trellis.codegen.showcase;

import static com.google.common.truth.Truth.assertThat;

import com.google.protobuf.Descriptors;
import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.graph.DeploymentWire;
import dev.trellis.runtime.grpc.GrpcNames;
import java.util.List;
import org.junit.jupiter.api.Test;
import trellis.showcase.Showcase;

/**
 * The runtime names its gRPC services and methods as the generated {@code .proto} declares them, so a
 * client built from the file with protoc calls the RPCs a Trellis replica serves.
 */
class GrpcNamesAgreeWithProtoTest {

    @Test
    void everyDeploymentMethodIsAnRpcOfTheProto() {
        assertSameRpcs(new EchoWire());
        assertSameRpcs(new FrontWire());
    }

    private static void assertSameRpcs(DeploymentWire wire) {
        List<DeploymentMethod<?>> methods = wire.methods();
        String service = GrpcNames.serviceName("showcase", methods.get(0).deployment());
        Descriptors.ServiceDescriptor declared = Showcase.getDescriptor().getServices().stream()
                .filter(candidate -> candidate.getFullName().equals(service))
                .findFirst()
                .orElseThrow(() -> new AssertionError("showcase.proto has no service " + service));

        assertThat(declared.getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList())
                .containsExactlyElementsIn(methods.stream().map(GrpcNames::rpcName).toList())
                .inOrder();
    }
}
