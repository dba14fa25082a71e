package dev.trellis.maven;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints a running application's deployments and replicas as tables, from its admin API's status. */
@Mojo(name = "status", requiresProject = false, aggregator = true, threadSafe = true)
public final class StatusMojo extends AdminMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        JsonNode status = admin()
                .get("/admin/status");
        getLog().info("Application '" + status.path("application").asText() + "' " + status.path("state").asText()
                + (status.path("ready").asBoolean() ? ", ready" : ", not ready") + " (" + status.path("topology").asText()
                + " topology)");
        List<List<String>> deployments = new ArrayList<>();
        deployments.add(List.of("DEPLOYMENT", "HEALTH", "RUNNING", "TARGET", "VERSION", "TRAFFIC", "MESSAGE"));
        List<List<String>> replicas = new ArrayList<>();
        replicas.add(List.of("REPLICA", "STATE", "VERSION", "PLACEMENT", "PID", "REASON"));
        for (JsonNode deployment : status.path("deployments")) {
            JsonNode canary = deployment.path("canary");
            String name = deployment.path("name").asText();
            String ownShare = canary.isMissingNode() ? "100%" : percent(100 - canary.path("servingPercent").asDouble()) + "%";
            deployments.add(row(name, deployment, ownShare));
            rows(deployment, replicas);
            if (!canary.isMissingNode()) {
                String share = percent(canary.path("servingPercent").asDouble()) + "%"
                        + (canary.path("servingPercent").asDouble() == canary.path("trafficPercent").asDouble() ? ""
                                : " (of " + percent(canary.path("trafficPercent").asDouble()) + "%)");
                deployments.add(row(name + " (canary)", canary, share));
                rows(canary, replicas);
            }
        }
        table(deployments).forEach(getLog()::info);
        table(replicas).forEach(getLog()::info);
    }

    private static List<String> row(String name, JsonNode deployment, String traffic) {
        JsonNode target = deployment.path("target");
        String scaling = target.has("replicas") ? target.path("replicas").asText()
                : "autoscaling " + target.path("autoscaling").path("min").asText() + ".."
                        + target.path("autoscaling").path("max").asText() + " (now "
                        + deployment.path("decision").path("replicas").asText() + ")";
        return List.of(name, deployment.path("health").asText(), deployment.path("running").asText(), scaling,
                deployment.path("version").asText("-"), traffic, deployment.path("message").asText());
    }

    private static void rows(JsonNode deployment, List<List<String>> replicas) {
        for (JsonNode replica : deployment.path("replicas")) {
            replicas.add(List.of(replica.path("id").asText(), replica.path("state").asText(),
                    replica.path("version").asText("-"), replica.path("placement").asText(), replica.path("pid").asText("-"),
                    replica.path("reason").asText()));
        }
    }

    /** A share as people write it, to a hundredth of a percent: 25, 12.3. */
    private static String percent(double value) {
        double rounded = Math.round(value * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.valueOf(rounded);
    }

    /** Rows as lines of columns padded to their widest cell. */
    static List<String> table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                line.append(column == row.size() - 1 ? row.get(column) : String.format("%-" + (widths[column] + 2) + "s",
                        row.get(column)));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
