package dev.trellis.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.Scaling;
import dev.trellis.runtime.control.ApplicationStatus;
import dev.trellis.runtime.control.DeploymentStatus;
import dev.trellis.runtime.control.ReplicaStatus;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /-/status}: the controller's view of the application as JSON, for people, {@code
 * trellis:status}, the dashboard and tests; and {@code GET /-/healthz}, its readiness: 200 {@code UP} while
 * it should get traffic, 503 {@code UNHEALTHY} (naming the deployments at fault) while it should not.
 *
 * <pre>{@code
 * {"application":"hello","state":"RUNNING","ready":true,"topology":"local",
 *  "node":{"cpus":2.0,"memoryMb":23000,"gpus":[],"free":{...}},
 *  "deployments":[{"name":"Greeter","health":"HEALTHY","message":"",
 *    "target":{"replicas":2},"decision":{"replicas":2},
 *    "replicas":[{"id":"Greeter-0","state":"RUNNING","placement":"cpu 0.5, mem 64m","reason":""}, ...]}]}
 * }</pre>
 */
final class StatusHandler implements Handler {

    private final TrellisApplication application;
    private final JsonResponses json;

    StatusHandler(TrellisApplication application, JsonResponses json) {
        this.application = application;
        this.json = json;
    }

    @Override
    public void handle(ServerRequest request, ServerResponse response) {
        send(response, Status.OK_200, render(application.status()));
    }

    /** {@code GET /-/healthz}. */
    void readiness(ServerRequest request, ServerResponse response) {
        ApplicationStatus status = application.status();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.ready() ? "UP" : "UNHEALTHY");
        body.put("application", status.name());
        if (!status.ready()) {
            Map<String, String> problems = new LinkedHashMap<>();
            for (DeploymentStatus deployment : status.deployments()) {
                if (deployment.health() == DeploymentStatus.Health.UNHEALTHY) {
                    problems.put(deployment.name(), deployment.message());
                } else if (deployment.running() < deployment.minimumReplicas()) {
                    problems.put(deployment.name(), deployment.running() + " replicas run, it needs at least "
                            + deployment.minimumReplicas() + (deployment.message().isEmpty() ? "" : "; "
                            + deployment.message()));
                }
            }
            body.put("state", status.state().name());
            body.put("deployments", problems);
        }
        send(response, status.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private void send(ServerResponse response, Status status, Object body) {
        try {
            json.send(response, status, json.toJson(body));
        } catch (JsonProcessingException e) {
            json.sendError(response, Status.INTERNAL_SERVER_ERROR_500, "the status could not be written: "
                    + e.getOriginalMessage());
        }
    }

    /** The status as plain maps and lists, in a stable order. */
    Map<String, Object> render(ApplicationStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", status.name());
        body.put("state", status.state().name());
        body.put("ready", status.ready());
        body.put("topology", application.topology().name().toLowerCase(Locale.ROOT));
        body.put("node", status.node());
        body.put("deployments", status.deployments().stream().map(StatusHandler::deployment).toList());
        return body;
    }

    private static Map<String, Object> deployment(DeploymentStatus deployment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", deployment.name());
        body.put("health", deployment.health().name());
        body.put("message", deployment.message());
        body.put("target", target(deployment.scaling()));
        if (!deployment.version().isEmpty()) {
            body.put("version", deployment.version());
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("replicas", deployment.targetReplicas());
        deployment.averageOngoing().ifPresent(average -> {
            decision.put("averageOngoingRequests", Math.round(average * 100) / 100.0);
            decision.put("desiredReplicas", deployment.desiredReplicas());
        });
        body.put("decision", decision);
        body.put("running", deployment.running());
        body.put("replicas", deployment.replicas().stream().map(StatusHandler::replica).toList());
        deployment.canary().ifPresent(canary -> {
            Map<String, Object> fields = deployment(canary.track());
            fields.remove("name");
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("trafficPercent", canary.trafficPercent());
            split.put("servingPercent", canary.servingPercent());
            split.putAll(fields);
            body.put("canary", split);
        });
        return body;
    }

    /** A target's scaling as JSON fields: {@code replicas}, or {@code autoscaling} with the policy's fields. */
    static Map<String, Object> target(Scaling scaling) {
        Map<String, Object> target = new LinkedHashMap<>();
        switch (scaling) {
            case Scaling.Fixed fixed -> target.put("replicas", fixed.replicas());
            case Scaling.Autoscaled autoscaled -> target.put("autoscaling", DeploymentYaml.fields(autoscaled.policy()));
        }
        return target;
    }

    private static Map<String, Object> replica(ReplicaStatus replica) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", replica.id());
        body.put("state", replica.state().name());
        body.put("placement", replica.placement());
        replica.gpuDevice().ifPresent(device -> body.put("gpuDevice", device));
        replica.pid().ifPresent(pid -> body.put("pid", pid));
        body.put("reason", replica.reason());
        if (!replica.version().isEmpty()) {
            body.put("version", replica.version());
        }
        return body;
    }
}
