package dev.trellis.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs an application of the project on this machine, in a JVM of its own on the project's run-time class
 * path, until it stops or Ctrl-C stops it (the application then drains and stops its replicas, as on
 * SIGTERM). Compiles the project first.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public final class RunMojo extends AbstractMojo {

    /** How long Ctrl-C lets the application stop before its JVM is killed. */
    private static final long STOP_SECONDS = 60;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The application to run, by its {@code @Application} name; needed only when the project has several. */
    @Parameter(property = "trellis.app")
    private String application;

    /** {@code local} (every replica in the one JVM) or {@code processes} (a JVM per replica). */
    @Parameter(property = "trellis.topology", defaultValue = "local")
    private String topology;

    /** A deployment YAML to apply over the code's settings. */
    @Parameter(property = "trellis.deploymentYaml")
    private File deploymentYaml;

    /** The HTTP port of the ingress. */
    @Parameter(property = "trellis.port", defaultValue = "8000")
    private int port;

    /** Options of the application's JVM, such as {@code -Xmx2g}, separated by spaces. */
    @Parameter(property = "trellis.jvmArgs")
    private String jvmArgs;

    /** System properties of the application's JVM, such as where its models are; set in the project's pom. */
    @Parameter
    private java.util.Map<String, String> systemProperties = java.util.Map.of();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!topology.equals("local") && !topology.equals("processes")) {
            throw new MojoFailureException("-Dtrellis.topology=" + topology + " is not a topology; choose local or"
                    + " processes");
        }
        if (deploymentYaml != null && !deploymentYaml.isFile()) {
            throw new MojoFailureException("-Dtrellis.deploymentYaml=" + deploymentYaml + " is not a file");
        }
        List<String> command = command();
        getLog().debug("Starting " + command);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(project.getBasedir()).inheritIO().start();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> stop(process), "trellis-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C stops Maven's JVM: stop the application first
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new MojoExecutionException("Interrupted while the application ran", e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
            return; // Maven is stopping: the hook stops the application
        }
        if (exit != 0) {
            throw new MojoFailureException("The application stopped with exit status " + exit + " (its output above"
                    + " says why)");
        }
    }

    private List<String> command() throws MojoExecutionException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (jvmArgs != null && !jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + (value == null ? "" : value)));
        command.add("-Dtrellis.topology=" + topology);
        command.add("-Dtrellis.port=" + port);
        if (deploymentYaml != null) {
            command.add("-Dtrellis.deploymentYaml=" + deploymentYaml.getAbsolutePath());
        }
        command.add("-cp");
        try {
            command.add(String.join(File.pathSeparator, project.getRuntimeClasspathElements()));
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Cannot build the class path of " + project.getId(), e);
        }
        command.add("dev.trellis.runtime.server.TrellisMain");
        if (application != null && !application.isBlank()) {
            command.add(application);
        }
        return command;
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM: the application drains and stops its replicas
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
