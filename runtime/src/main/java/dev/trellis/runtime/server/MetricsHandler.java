package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.RunningApplication;
import dev.trellis.runtime.local.LocalApplication;
import dev.trellis.runtime.spi.DeploymentNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /-/metrics}: the application's figures in Prometheus' text format. In the {@code local}
 * topology: calls waiting for a replica per deployment, and batches run per {@code @Batch} method and
 * batch size. Replica processes keep their own counts, which this JVM does not see yet.
 */
final class MetricsHandler implements Handler {

    private final RunningApplication application;

    MetricsHandler(RunningApplication application) {
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
        if (!(application instanceof LocalApplication local)) {
            return text.append("# Replica processes keep their own figures; none are collected here yet.\n").toString();
        }
        text.append("# HELP trellis_queued_calls Calls waiting for a replica with room.\n")
                .append("# TYPE trellis_queued_calls gauge\n");
        for (DeploymentNode<?> node : local.graph().nodes()) {
            text.append("trellis_queued_calls{deployment=\"").append(node.name()).append("\"} ")
                    .append(local.queuedCalls(node.name())).append('\n');
        }
        text.append("# HELP trellis_batches_total Batches a @Batch method ran, by the number of calls in them.\n")
                .append("# TYPE trellis_batches_total counter\n");
        for (DeploymentNode<?> node : local.graph().nodes()) {
            for (DeploymentMethod<?> method : node.wire().methods()) {
                if (!method.batched()) {
                    continue;
                }
                long[] sizes = local.batchSizes(node.name(), method.name());
                for (int size = 1; size < sizes.length; size++) {
                    text.append("trellis_batches_total{deployment=\"").append(node.name()).append("\",method=\"")
                            .append(method.name()).append("\",size=\"").append(size).append("\"} ")
                            .append(sizes[size]).append('\n');
                }
            }
        }
        return text.toString();
    }
}
