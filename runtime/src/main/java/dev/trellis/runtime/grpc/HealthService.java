package dev.trellis.runtime.grpc;

import dev.trellis.runtime.wire.WireReader;
import dev.trellis.runtime.wire.WireWriter;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health/Check}) of a replica, for what asks the
 * way the ecosystem does: Kubernetes' gRPC probes, {@code grpc_health_probe}, load balancers. It runs the
 * replica's own check, the one the controller runs:
 *
 * <pre>{@code
 * message HealthCheckRequest { string service = 1; }
 * message HealthCheckResponse { enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; } ServingStatus status = 1; }
 * }</pre>
 *
 * <p>The service "" (the server as a whole) and the replica's deployment's service are known; another
 * answers {@code NOT_FOUND}, as the protocol says. Callers share the check ({@link SharedCheck}): the
 * service is open to anyone who reaches the port.
 */
public final class HealthService {

    static final String SERVICE = "grpc.health.v1.Health";
    static final MethodDescriptor<byte[], byte[]> CHECK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Check"))
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    static final int SERVING = 1;
    static final int NOT_SERVING = 2;

    /** How long a check may take when the caller sent no deadline (Kubernetes sends its probe's timeout). */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private HealthService() {}

    /**
     * @param services the service names it answers for besides "": the deployment's, as its {@code .proto} names it
     * @param check runs the replica's health check within a timeout; empty when healthy, else the problem
     */
    public static ServerServiceDefinition create(Set<String> services, Function<Duration, Optional<String>> check) {
        Function<Duration, Optional<String>> shared = new SharedCheck(check);
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(CHECK, ServerCalls.asyncUnaryCall((request, responses) -> {
                    String service;
                    try {
                        service = service(request);
                    } catch (RuntimeException e) {
                        responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                        return;
                    }
                    if (!service.isEmpty() && !services.contains(service)) {
                        responses.onError(Status.NOT_FOUND.withDescription("no service '" + service + "' here")
                                .asRuntimeException());
                        return;
                    }
                    io.grpc.Deadline deadline = io.grpc.Context.current().getDeadline();
                    Duration timeout = deadline == null ? DEFAULT_TIMEOUT
                            : Duration.ofNanos(Math.max(1, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
                    boolean healthy;
                    try {
                        healthy = shared.apply(timeout).isEmpty();
                    } catch (RuntimeException e) {
                        healthy = false;
                    }
                    WireWriter out = new WireWriter();
                    out.enumValue(1, healthy ? SERVING : NOT_SERVING); // a plain varint, as proto3 enums are
                    responses.onNext(out.toByteArray());
                    responses.onCompleted();
                }))
                .build();
    }

    private static String service(byte[] request) {
        WireReader in = new WireReader(request);
        String service = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireReader.fieldOf(tag) == 1) {
                in.expectWireType(tag, WireReader.LEN, "HealthCheckRequest.service");
                service = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return service;
    }
}
