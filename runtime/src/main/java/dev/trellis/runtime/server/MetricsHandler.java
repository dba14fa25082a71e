package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.config.DeploymentTarget;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /-/metrics}: the application's figures in Prometheus' text format: calls waiting in this
 * JVM's router per deployment, and batches run per {@code @Batch} method and batch size, as the
 * replicas report them (in every topology: replica processes report theirs over the control protocol).
 */
final class MetricsHandler implements Handler {

    private final TrellisApplication application;

    MetricsHandler(TrellisApplication application) {
        this.application = application;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.send(render().getBytes(StandardCharsets.UTF_8));
    }

    String render() {
        StringBuilder text = new StringBuilder();
        text.append("# HELP trellis_queued_calls Calls waiting for a replica with room.\n")
                .append("# TYPE trellis_queued_calls gauge\n");
        for (DeploymentTarget deployment : application.target().deployments()) {
            text.append("trellis_queued_calls{deployment=\"").append(deployment.name()).append("\"} ")
                    .append(application.queuedCalls(deployment.name())).append('\n');
        }
        text.append("# HELP trellis_batches_total Batches a @Batch method ran, by the number of calls in them.\n")
                .append("# TYPE trellis_batches_total counter\n");
        for (DeploymentTarget deployment : application.target().deployments()) {
            for (DeploymentMethod<?> method : deployment.methods()) {
                if (!method.batched()) {
                    continue;
                }
                long[] sizes = application.batchSizes(deployment.name(), method.name());
                for (int size = 1; size < sizes.length; size++) {
                    text.append("trellis_batches_total{deployment=\"").append(deployment.name()).append("\",method=\"")
                            .append(method.name()).append("\",size=\"").append(size).append("\"} ")
                            .append(sizes[size]).append('\n');
                }
            }
        }
        return text.toString();
    }
}
