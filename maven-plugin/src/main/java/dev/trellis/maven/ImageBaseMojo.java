package dev.trellis.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Prepares what Jib adds to an application's image besides its classes and jars, so that the image builds with no registry and
 * no Docker daemon: with the base {@code scratch} (the default), a jlinked Java runtime and the host's
 * native libraries that it and the application's jars need ({@link ImageBase}), in {@code image-base/};
 * and, when {@code trellis.image.models} names a directory, the models to bake in, in {@code image-models/}
 * (empty otherwise: models then come from a volume mounted at the same path). Jib's
 * {@code extraDirectories} take both.
 */
@Mojo(name = "image-base", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class ImageBaseMojo extends AbstractMojo {

    /** The JDK modules of the image's runtime: Java SE, and what Netty, gRPC and Helidon reach beyond it. */
    static final String DEFAULT_MODULES = "java.se,jdk.unsupported,jdk.management,jdk.zipfs,jdk.charsets,jdk.net";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Where the files for the image's {@code /} go. */
    @Parameter(property = "trellis.image.baseDirectory", defaultValue = "${project.build.directory}/trellis/image-base",
            required = true)
    private File baseDirectory;

    /** Where the models to bake in go (Jib puts them at the image's model path). */
    @Parameter(property = "trellis.image.modelsDirectory",
            defaultValue = "${project.build.directory}/trellis/image-models", required = true)
    private File modelsDirectory;

    /** The image the application's layers go on: {@code scratch}, or one with a Java 21 runtime of its own. */
    @Parameter(property = "trellis.image.base", defaultValue = "scratch", required = true)
    private String base;

    /** The JDK modules the jlinked runtime holds. */
    @Parameter(property = "trellis.image.modules", defaultValue = DEFAULT_MODULES, required = true)
    private String modules;

    /** A directory of models to bake into the image; none by default. */
    @Parameter(property = "trellis.image.models")
    private File models;

    /** Skips the goal (and, in the samples, the image). */
    @Parameter(property = "trellis.image.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping the image's base (trellis.image.skip)");
            return;
        }
        try {
            ImageBase.emptyDirectory(modelsDirectory.toPath());
            if (models != null) {
                copyModels(models.toPath(), modelsDirectory.toPath());
            }
            if (!base.equals("scratch")) {
                ImageBase.emptyDirectory(baseDirectory.toPath());
                getLog().info("The image goes on " + base + ", which brings its own Java runtime");
                return;
            }
            ImageBase imageBase = new ImageBase(Path.of(System.getProperty("java.home")), moduleList(), runtimeJars(),
                    System.getProperty("os.arch"));
            imageBase.writeTo(baseDirectory.toPath());
            imageBase.warnings().forEach(getLog()::warn);
            getLog().info("Image base (a jlinked Java runtime at " + ImageBase.JAVA_HOME + " and its native libraries)"
                    + " in " + baseDirectory);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while making the image's base", e);
        }
    }

    private List<String> moduleList() {
        List<String> names = new ArrayList<>();
        for (String name : modules.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("trellis.image.modules names no JDK module");
        }
        return names;
    }

    private List<Path> runtimeJars() {
        List<Path> jars = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (artifact.getFile() != null && !Artifact.SCOPE_TEST.equals(artifact.getScope())
                    && !Artifact.SCOPE_PROVIDED.equals(artifact.getScope())) {
                jars.add(artifact.getFile().toPath());
            }
        }
        return jars;
    }

    private static void copyModels(Path from, Path into) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("trellis.image.models names " + from + ", which is not a directory");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
