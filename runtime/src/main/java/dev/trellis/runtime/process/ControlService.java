package dev.trellis.runtime.process;

import dev.trellis.runtime.grpc.BytesMarshaller;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The controller's line into a replica process: {@code SetMembers} tells it which replicas of one
 * deployment it may call now. Served next to the deployment's own service.
 */
final class ControlService {

    static final String SERVICE = "trellis.control.Replica";

    static final MethodDescriptor<byte[], byte[]> SET_MEMBERS = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "SetMembers"))
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    static final MethodDescriptor<byte[], byte[]> CHECK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Check"))
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    private ControlService() {}

    /**
     * @param apply receives the deployment and its members; the request's first line names the
     *     deployment, the others are its members
     */
    static ServerServiceDefinition create(BiConsumer<String, List<Member>> apply,
            dev.trellis.runtime.local.DeploymentHost.HealthProbe health) {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(CHECK, ServerCalls.asyncUnaryCall((request, responses) -> {
                    // The check may block: it runs on the stream's own virtual thread, which answers
                    // before it returns (see DeploymentGrpcService), and the controller's deadline
                    // bounds how long the controller waits.
                    String problem;
                    try {
                        problem = health.healthy() ? null : "the health check answered false";
                    } catch (Throwable e) {
                        problem = "the health check threw " + e;
                    }
                    if (problem == null) {
                        responses.onNext(new byte[0]);
                        responses.onCompleted();
                    } else {
                        responses.onError(Status.UNAVAILABLE.withDescription(problem).asRuntimeException());
                    }
                }))
                .addMethod(SET_MEMBERS, ServerCalls.asyncUnaryCall((request, responses) -> {
                    try {
                        String text = new String(request, java.nio.charset.StandardCharsets.UTF_8);
                        int firstLine = text.indexOf('\n');
                        String deployment = firstLine < 0 ? text : text.substring(0, firstLine);
                        byte[] members = firstLine < 0 ? new byte[0]
                                : text.substring(firstLine + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        apply.accept(deployment, Member.decode(members));
                        responses.onNext(new byte[0]);
                        responses.onCompleted();
                    } catch (RuntimeException e) {
                        responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    }
                }))
                .build();
    }

    /** The request announcing {@code members} of {@code deployment}. */
    static byte[] request(String deployment, List<Member> members) {
        byte[] header = (deployment + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = Member.encode(members);
        byte[] request = new byte[header.length + body.length];
        System.arraycopy(header, 0, request, 0, header.length);
        System.arraycopy(body, 0, request, header.length, body.length);
        return request;
    }
}
