package dev.trellis.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A replica's standard gRPC health service, asked by grpc-java's own health client, as Kubernetes' probes ask. */
class HealthServiceTest {

    @Test
    void itAnswersTheReplicasOwnCheckForTheServerAndItsDeploymentAndNotFoundForOthers() throws Exception {
        AtomicReference<Optional<String>> problem = new AtomicReference<>(Optional.empty());
        ReplicaServer server = ReplicaServer.start("127.0.0.1", 0, List.of(HealthService.create(Set.of("Text_Detector"),
                timeout -> problem.get())));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);

            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    health.check(HealthCheckRequest.newBuilder().setService("Text_Detector").build()).getStatus());
            problem.set(Optional.of("model not loaded"));
            // Probes share one check, whose result answers for a second (SharedCheck): the next shows it.
            Thread.sleep(SharedCheck.REUSE.toMillis() + 100);
            assertEquals(HealthCheckResponse.ServingStatus.NOT_SERVING,
                    health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
            StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                    () -> health.check(HealthCheckRequest.newBuilder().setService("Other").build()));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        } finally {
            channel.shutdownNow();
            server.close();
        }
    }
}
