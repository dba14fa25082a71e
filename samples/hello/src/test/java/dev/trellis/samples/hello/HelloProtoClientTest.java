package dev.trellis.samples.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.trellis.runtime.server.TrellisServer;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import trellis.hello.Hello.HelloIngress_HelloRequest;
import trellis.hello.Hello.HelloIngress_HelloResponse;
import trellis.hello.Hello;

/**
 * The hello sample called as a program in any language would: with classes protoc generated from the
 * sample's {@code META-INF/trellis/hello.proto} during the build, and plain grpc-java, no Trellis code.
 */
class HelloProtoClientTest {

    private static final long TIMEOUT_SECONDS = 30;
    private static final MethodDescriptor<HelloIngress_HelloRequest, HelloIngress_HelloResponse> HELLO = helloMethod();

    private static TrellisServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        server = TrellisServer.builder().application("hello").port(0).build().start();
        channel = ManagedChannelBuilder.forAddress("localhost", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        server.stop();
    }

    @Test
    void aProtobufRequestGetsTheCombinedReply() {
        HelloIngress_HelloResponse response = hello(HelloIngress_HelloRequest.newBuilder()
                .setRequest(Hello.HelloRequest.newBuilder().setName("Ada"))
                .build());

        Hello.HelloReply reply = response.getValue();
        assertEquals("Hello, Ada! ADA!!!", reply.getMessage());
        assertEquals(2, reply.getPartsCount());
        assertEquals("Greeter", reply.getParts(0).getDeployment());
        assertEquals("Hello, Ada!", reply.getParts(0).getText());
        assertEquals("Shouter", reply.getParts(1).getDeployment());
        assertEquals("ADA!!!", reply.getParts(1).getText());
    }

    @Test
    void aMissingNameIsInvalidArgumentWithTheIngressMessage() {
        StatusRuntimeException failure = assertThrows(StatusRuntimeException.class,
                () -> hello(HelloIngress_HelloRequest.getDefaultInstance()));

        assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
        assertTrue(failure.getStatus().getDescription().contains("'name' is required"),
                failure.getStatus().getDescription());
    }

    private static HelloIngress_HelloResponse hello(HelloIngress_HelloRequest request) {
        return ClientCalls.blockingUnaryCall(channel, HELLO,
                CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS), request);
    }

    /** {@code HelloIngress/Hello}, named from the .proto's own service descriptor, with protobuf marshallers. */
    private static MethodDescriptor<HelloIngress_HelloRequest, HelloIngress_HelloResponse> helloMethod() {
        ServiceDescriptor service = Objects.requireNonNull(Hello.getDescriptor().findServiceByName("HelloIngress"),
                "hello.proto declares no HelloIngress service");
        return MethodDescriptor.<HelloIngress_HelloRequest, HelloIngress_HelloResponse>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service.getFullName(),
                        Objects.requireNonNull(service.findMethodByName("Hello"), "no Hello rpc").getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(HelloIngress_HelloRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(HelloIngress_HelloResponse.getDefaultInstance()))
                .build();
    }
}
