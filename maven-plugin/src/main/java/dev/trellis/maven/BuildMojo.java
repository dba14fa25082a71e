package dev.trellis.maven;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.DeploymentYamlSchema;
import dev.trellis.runtime.graph.ApplicationGraph;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Writes {@code <app>.deployment.yaml} for every application of the project: every setting the code
 * declares made explicit, each under a comment that says what it does, ready to edit and to check in;
 * beside it the file's JSON Schema, which editors use to complete and check it. Given an existing
 * deployment YAML ({@code -Dtrellis.deploymentYaml}), it checks that file as the runtime would, every
 * problem with its line and column, and writes the result of applying it.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class BuildMojo extends AbstractMojo {

    /** The name of the schema file written beside the deployment YAMLs. */
    static final String SCHEMA_FILE = "deployment-yaml.schema.json";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Where the deployment YAMLs and their schema are written. */
    @Parameter(property = "trellis.outputDirectory", defaultValue = "${project.build.directory}/trellis", required = true)
    private File outputDirectory;

    /** A deployment YAML to check and apply over the code's settings; none by default. */
    @Parameter(property = "trellis.deploymentYaml")
    private File deploymentYaml;

    /** Skips the goal. */
    @Parameter(property = "trellis.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping trellis:build (trellis.skip)");
            return;
        }
        Optional<DeploymentYaml> overrides = Optional.ofNullable(deploymentYaml).map(file -> DeploymentYaml.read(file.toPath()));
        try (ProjectClasses classes = ProjectClasses.of(project)) {
            Path directory = outputDirectory.toPath();
            Files.createDirectories(directory);
            writeSchema(directory.resolve(SCHEMA_FILE));
            for (ApplicationGraph graph : classes.applications(project)) {
                ApplicationTarget target;
                try {
                    target = ApplicationTarget.builder(graph).deploymentYaml(overrides).build();
                } catch (ApplicationStartException e) {
                    throw new MojoFailureException(e.getMessage(), e);
                }
                Path file = directory.resolve(graph.name() + ".deployment.yaml");
                Files.writeString(file, target.toDeploymentYaml(header(graph)));
                getLog().info("Wrote " + file + " (" + target.deployments().size() + " deployments)");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write to " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    private List<String> header(ApplicationGraph graph) {
        return List.of("yaml-language-server: $schema=" + SCHEMA_FILE,
                "The deployment YAML of application '" + graph.name() + "', written by trellis:build from "
                        + project.getId() + (deploymentYaml == null ? "" : " and " + deploymentYaml) + ".",
                "Every value is the one the application runs with. Edit what you want to change, check the file",
                "in, and start with -Dtrellis.deploymentYaml=<this file>; fields you delete keep the code's value.",
                "");
    }

    private static void writeSchema(Path file) throws IOException, MojoExecutionException {
        try (InputStream schema = DeploymentYamlSchema.class.getClassLoader().getResourceAsStream(DeploymentYamlSchema.RESOURCE)) {
            if (schema == null) {
                throw new MojoExecutionException("The Trellis runtime on the plugin's class path has no "
                        + DeploymentYamlSchema.RESOURCE + ": it was not built by its own build");
            }
            Files.copy(schema, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
