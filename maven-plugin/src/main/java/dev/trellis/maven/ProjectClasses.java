package dev.trellis.maven;

import dev.trellis.runtime.graph.ApplicationGraph;
import dev.trellis.runtime.graph.Applications;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * The applications of a project, read from its compiled classes: a class loader over its run-time class
 * path whose parent is the plugin's, so that Trellis's own types are the plugin's and the generated graphs
 * are the project's.
 */
final class ProjectClasses implements AutoCloseable {

    private final URLClassLoader loader;

    private ProjectClasses(URLClassLoader loader) {
        this.loader = loader;
    }

    static ProjectClasses of(MavenProject project) throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("Cannot build the class path of " + project.getId() + ": " + e.getMessage(), e);
        }
        return new ProjectClasses(new URLClassLoader("trellis-project", urls.toArray(URL[]::new),
                ProjectClasses.class.getClassLoader()));
    }

    /**
     * The project's applications, sorted by name.
     *
     * @throws MojoFailureException if it has none, saying what makes one
     */
    List<ApplicationGraph> applications(MavenProject project) throws MojoFailureException {
        List<ApplicationGraph> graphs = Applications.all(loader);
        if (graphs.isEmpty()) {
            throw new MojoFailureException("No Trellis application in " + project.getId() + " ("
                    + project.getBuild().getOutputDirectory() + "): declare an @Application and compile with the"
                    + " Trellis annotation processor (dev.trellis:trellis-processor) on the annotation processor path");
        }
        return graphs;
    }

    /** The text of a resource of the project, such as a generated {@code .proto}; empty if it has none. */
    java.util.Optional<String> resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws java.io.IOException {
        loader.close();
    }
}
