package dev.trellis.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.graph.ApplicationGraph;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Applies a deployment YAML to a running application through its admin API, after checking it here as
 * the application will (same checks, same messages, against the project's compiled classes), and reports
 * what changed per deployment. With {@code -Drollback} it re-applies the target applied before instead.
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class DeployMojo extends AdminMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The deployment YAML to apply. */
    @Parameter(property = "trellis.deploymentYaml")
    private File deploymentYaml;

    /** Rolls back to the target applied before the current one, instead of applying a file. */
    @Parameter(property = "rollback", defaultValue = "false")
    private boolean rollback;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        AdminClient admin = admin();
        if (rollback) {
            report(admin.post("/admin/rollback", null));
            return;
        }
        if (deploymentYaml == null) {
            throw new MojoFailureException("Say what to apply: -Dtrellis.deploymentYaml=<file> (or -Drollback)");
        }
        String text;
        try {
            text = Files.readString(deploymentYaml.toPath());
        } catch (IOException e) {
            throw new MojoFailureException("Cannot read " + deploymentYaml + ": " + e.getMessage(), e);
        }
        validate(DeploymentYaml.parse(text, deploymentYaml.toString()));
        report(admin.post("/admin/apply", text));
    }

    /** Checks the file against every application of the project it names, as the running application will. */
    private void validate(DeploymentYaml yaml) throws MojoExecutionException, MojoFailureException {
        try (ProjectClasses classes = ProjectClasses.of(project)) {
            for (ApplicationGraph graph : classes.applications(project)) {
                if (yaml.application(graph.name()).isPresent() || !yaml.problems().isEmpty()) {
                    ApplicationTarget.builder(graph).deploymentYaml(yaml).build();
                }
            }
        } catch (ApplicationStartException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read the project's classes: " + e.getMessage(), e);
        }
        getLog().info(deploymentYaml + " is valid for " + project.getId());
    }

    private void report(JsonNode answer) {
        getLog().info("Application '" + answer.path("application").asText() + "': " + answer.path("action").asText());
        for (JsonNode deployment : answer.path("deployments")) {
            StringBuilder line = new StringBuilder("  ").append(deployment.path("name").asText()).append(": ")
                    .append(deployment.path("change").asText());
            if (deployment.path("fields").size() > 0) {
                line.append(" (");
                deployment.path("fields").forEach(field -> line.append(line.charAt(line.length() - 1) == '(' ? "" : "; ")
                        .append(field.asText()));
                line.append(')');
            }
            getLog().info(line);
        }
    }
}
