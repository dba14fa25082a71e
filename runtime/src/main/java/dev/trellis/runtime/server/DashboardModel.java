package dev.trellis.runtime.server;

import dev.trellis.runtime.DeploymentMethod;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.graph.IngressRoute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard needs and neither {@code /-/status} nor {@code /observe/metrics} tells: the graph the
 * processor generated (deployments with their hints, the handle calls between them, the ingress and its
 * routes), the deployment YAML of the target the application runs towards now, and the recent error
 * answers. Plain maps and lists in a stable order, written as JSON by the handler.
 */
final class DashboardModel {

    private DashboardModel() {
    }

    /** The whole answer of {@code GET /dashboard/application.json}. */
    static Map<String, Object> render(ApplicationTarget target, String topology, RecentErrors errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", target.name());
        body.put("ingress", target.ingress());
        body.put("topology", topology);
        body.put("routes", routes(target));
        List<Map<String, Object>> deployments = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (DeploymentTarget deployment : target.deployments()) {
            deployments.add(deployment(deployment, deployment.name().equals(target.ingress())));
            for (String called : deployment.dependencies()) {
                edges.add(edge(deployment.name(), called));
            }
        }
        body.put("deployments", deployments);
        body.put("edges", edges);
        body.put("deploymentYaml", target.toDeploymentYaml());
        body.put("errors", errors(errors));
        return body;
    }

    private static List<Map<String, Object>> routes(ApplicationTarget target) {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (IngressRoute route : target.graph().routes()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("method", route.verb().name());
            one.put("path", target.routePrefix() + route.path()); // as /observe/metrics labels it
            one.put("calls", route.method().name());
            routes.add(one);
        }
        return routes;
    }

    /** One node: the hints the code and the deployment YAML give it. */
    private static Map<String, Object> deployment(DeploymentTarget deployment, boolean ingress) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", deployment.name());
        node.put("ingress", ingress);
        node.put("dependencies", deployment.dependencies());
        node.put("scaling", StatusHandler.target(deployment.scaling()));
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpus", deployment.resources().cpus());
        resources.put("gpus", deployment.resources().gpus());
        resources.put("memoryMb", deployment.resources().memoryMb());
        node.put("resources", resources);
        node.put("maxOngoingRequests", deployment.maxOngoingRequests());
        node.put("maxQueuedRequests", deployment.maxQueuedRequests());
        node.put("version", deployment.version());
        node.put("methods", methods(deployment));
        deployment.canary().ifPresent(canary -> {
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("trafficPercent", canary.trafficPercent());
            split.put("version", canary.target().version());
            split.put("scaling", StatusHandler.target(canary.target().scaling()));
            node.put("canary", split);
        });
        return node;
    }

    /** Its methods as the wire knows them, each {@code @Batch} one with how it batches now. */
    private static List<Map<String, Object>> methods(DeploymentTarget deployment) {
        List<Map<String, Object>> methods = new ArrayList<>();
        for (DeploymentMethod<?> method : deployment.methods()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", method.name());
            if (method.batched()) {
                var batch = deployment.batch(method);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("maxSize", batch.maxSize());
                fields.put("maxWaitMillis", batch.maxWaitMillis());
                fields.put("maxConcurrentBatches", batch.maxConcurrentBatches());
                one.put("batch", fields);
            }
            methods.add(one);
        }
        return methods;
    }

    private static Map<String, Object> edge(String caller, String called) {
        Map<String, Object> edge = new LinkedHashMap<>();
        edge.put("from", caller);
        edge.put("to", called);
        return edge;
    }

    private static Map<String, Object> errors(RecentErrors errors) {
        List<Map<String, Object>> recent = new ArrayList<>();
        for (RecentErrors.Entry entry : errors.entries()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("time", entry.time().toString());
            one.put("route", entry.route());
            one.put("status", entry.status());
            one.put("message", entry.message());
            recent.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", errors.total());
        body.put("recent", recent);
        return body;
    }
}
