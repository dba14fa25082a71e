package dev.trellis.runtime.server;

import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.DeploymentStatus;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.util.function.Supplier;

/**
 * The application's checks for Helidon's {@code /observe/health}: <em>ready</em> while every deployment has
 * its minimum replicas running and none is unhealthy (as {@code /-/healthz} answers), each deployment a
 * detail; <em>live</em> while the controller answers for the application and it is not stopping, so that a
 * deployment that fails is the controller's to replace and no reason to restart the controller.
 */
final class ApplicationHealth {

    private ApplicationHealth() {}

    static HealthCheck readiness(Supplier<ApplicationStatus> status) {
        return new Check("trellis-deployments", HealthCheckType.READINESS, () -> {
            ApplicationStatus now = status.get();
            HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(now.ready())
                    .detail("application", now.name()).detail("state", now.state().name());
            for (DeploymentStatus deployment : now.deployments()) {
                response.detail(deployment.name(), describe(deployment));
            }
            return response.build();
        });
    }

    static HealthCheck liveness(Supplier<ApplicationStatus> status) {
        return new Check("trellis-controller", HealthCheckType.LIVENESS, () -> {
            ApplicationStatus now = status.get();
            return HealthCheckResponse.builder().status(now.state() != ApplicationStatus.State.STOPPING)
                    .detail("application", now.name()).detail("state", now.state().name()).build();
        });
    }

    private static String describe(DeploymentStatus deployment) {
        String replicas = deployment.running() + " of at least " + deployment.minimumReplicas() + " replicas run";
        if (deployment.health() == DeploymentStatus.Health.UNHEALTHY) {
            return "unhealthy: " + deployment.message();
        }
        return deployment.running() < deployment.minimumReplicas() && !deployment.message().isEmpty()
                ? replicas + "; " + deployment.message() : replicas;
    }

    private record Check(String name, HealthCheckType type, Supplier<HealthCheckResponse> answer) implements HealthCheck {

        @Override
        public HealthCheckResponse call() {
            return answer.get();
        }
    }
}
