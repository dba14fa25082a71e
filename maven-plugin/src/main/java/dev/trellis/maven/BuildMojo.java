package dev.trellis.maven;

import dev.trellis.runtime.ApplicationStartException;
import dev.trellis.runtime.config.ApplicationTarget;
import dev.trellis.runtime.config.DeploymentYaml;
import dev.trellis.runtime.config.DeploymentYamlSchema;
import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.kubernetes.KubernetesManifests;
import dev.trellis.runtime.kubernetes.KubernetesSettings;
import dev.trellis.runtime.wire.ProtoContract;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
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
 * problem with its line and column, and writes the result of applying it. In {@code k8s/} it writes each
 * application's Kubernetes manifests ({@link KubernetesManifests}), for {@code kubectl apply -f}.
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

    /**
     * Where the lock of each application's wire contract ({@code <app>.proto.lock}) is kept: a folder of the
     * project, checked in, so that a change that would break callers built against it fails the build.
     */
    @Parameter(property = "trellis.lockDirectory", defaultValue = "${project.basedir}/src/main/trellis", required = true)
    private File lockDirectory;

    /** Accepts an incompatible change of the wire contract on purpose, and rewrites the lock. */
    @Parameter(property = "trellis.updateLock", defaultValue = "false")
    private boolean updateLock;

    /** The container image every pod of the Kubernetes manifests runs: the application's, as {@code -Pimage} builds it. */
    @Parameter(property = "trellis.image", defaultValue = "${project.artifactId}:${project.version}", required = true)
    private String image;

    /** The namespace of the Kubernetes manifests; none (kubectl's current one) by default. */
    @Parameter(property = "trellis.namespace")
    private String namespace;

    /**
     * A PersistentVolumeClaim that holds the models, mounted read-only into every replica pod at
     * {@code trellis.k8s.modelsPath}; none by default (the image holds them, {@code -Dtrellis.image.models}).
     */
    @Parameter(property = "trellis.k8s.modelsClaim")
    private String modelsClaim;

    /** Where the model volume is mounted: where the application looks for its models. */
    @Parameter(property = "trellis.k8s.modelsPath", defaultValue = "/models", required = true)
    private String modelsPath;

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
            Path kubernetes = cleared(directory.resolve("k8s"));
            KubernetesSettings settings = kubernetesSettings();
            for (ApplicationGraph graph : classes.applications(project)) {
                ApplicationTarget target;
                try {
                    target = ApplicationTarget.builder(graph).deploymentYaml(overrides).build();
                } catch (ApplicationStartException e) {
                    throw new MojoFailureException(e.getMessage(), e);
                }
                checkLock(graph, classes);
                Path file = directory.resolve(graph.name() + ".deployment.yaml");
                Files.writeString(file, target.toDeploymentYaml(header(graph)));
                getLog().info("Wrote " + file + " (" + target.deployments().size() + " deployments)");
                Map<String, String> manifests;
                try {
                    manifests = KubernetesManifests.of(target, settings);
                } catch (IllegalArgumentException e) {
                    throw new MojoFailureException(e.getMessage(), e);
                }
                for (Map.Entry<String, String> manifest : manifests.entrySet()) {
                    Files.writeString(kubernetes.resolve(manifest.getKey()), manifest.getValue());
                }
                getLog().info("Wrote " + manifests.size() + " Kubernetes manifests of '" + graph.name() + "' to " + kubernetes
                        + " (image " + image + ")");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write to " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code directory}, made if needed and emptied of the manifests an earlier build wrote: a deployment renamed
     * since must not leave its old manifest behind for {@code kubectl apply -f}.
     */
    private static Path cleared(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".yaml")).toList()) {
                Files.delete(file);
            }
        }
        return directory;
    }

    /**
     * Compares the application's generated {@code .proto} with its lock: writes the lock when there is
     * none, or when every change is an addition; fails on a change that breaks callers built against it,
     * unless {@code -Dtrellis.updateLock} accepts it.
     */
    private void checkLock(ApplicationGraph graph, ProjectClasses classes) throws IOException, MojoFailureException {
        String resource = graph.manifestResource().replaceAll("\\.yaml$", ".proto");
        Optional<String> proto = classes.resource(resource);
        if (proto.isEmpty()) {
            getLog().warn("Application '" + graph.name() + "' has no " + resource + ": its wire contract is not locked");
            return;
        }
        Path lock = lockDirectory.toPath().resolve(graph.name() + ".proto.lock");
        if (!Files.exists(lock)) {
            Files.createDirectories(lock.getParent());
            Files.writeString(lock, proto.get());
            getLog().info("Locked the wire contract of '" + graph.name() + "' in " + lock + ": check it in");
            return;
        }
        String locked = Files.readString(lock);
        if (locked.equals(proto.get())) {
            return;
        }
        List<String> breaking = ProtoContract.parse(locked).breakingChanges(ProtoContract.parse(proto.get()));
        if (!breaking.isEmpty() && !updateLock) {
            throw new MojoFailureException("The wire contract of application '" + graph.name() + "' changed in ways"
                    + " that break callers and replicas built against its lock " + lock + ":\n  - "
                    + String.join("\n  - ", breaking) + "\nKeep the old fields and methods (add new ones beside them);"
                    + " or, when every caller and replica is rebuilt and deployed together, accept it on purpose with"
                    + " -Dtrellis.updateLock");
        }
        Files.writeString(lock, proto.get());
        if (breaking.isEmpty()) {
            getLog().info("The wire contract of '" + graph.name() + "' grew compatibly; updated " + lock);
        } else {
            getLog().warn("Accepted " + breaking.size() + " incompatible change(s) of the wire contract of '" + graph.name()
                    + "' on purpose (-Dtrellis.updateLock); updated " + lock);
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

    private KubernetesSettings kubernetesSettings() throws MojoFailureException {
        try {
            KubernetesSettings settings = new KubernetesSettings(image, Optional.ofNullable(namespace)
                    .filter(name -> !name.isBlank()), 0.5, 512);
            if (modelsClaim != null && !modelsClaim.isBlank()) {
                settings = settings.withModels(new KubernetesSettings.ModelVolume(modelsClaim.strip(), modelsPath));
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("The Kubernetes settings are not valid: " + e.getMessage(), e);
        }
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
