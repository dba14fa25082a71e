package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.wire.ProtoContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the code a deployment's new target names (a class path of its own) before the controller starts
 * replicas of it: every entry exists, and, where the code that runs states its wire contract (the
 * generated {@code META-INF/trellis/<application>.proto}), the new code states one its callers can still
 * read: no field, method or enum value of the deployment's service gone or changed in type. Its callers
 * are not rolled with it, so a contract they cannot read would fail their calls.
 */
final class NewCode {

    private NewCode() {}

    /**
     * What is wrong with {@code next}'s code, against {@code running}'s, if anything.
     *
     * @param resource where a build of the application holds its {@code .proto}
     * @param applicationCode the class loader of the application's own code: what a deployment without a
     *     class path of its own runs
     */
    static Optional<String> problem(String application, String resource, DeploymentTarget running,
            DeploymentTarget next, ClassLoader applicationCode) {
        if (next.classPath().isEmpty() || next.classPath().equals(running.classPath())) {
            return Optional.empty();
        }
        List<String> entries = next.classPath().get();
        for (String entry : entries) {
            if (!Files.exists(Path.of(entry))) {
                return Optional.of("Deployment '" + next.name() + "' names classPath entry " + entry
                        + ", which does not exist on the controller's machine; nothing changed");
            }
        }
        Optional<String> current = running.classPath().isPresent() ? read(running.classPath().get(), resource)
                : read(applicationCode, resource);
        if (current.isEmpty()) {
            return Optional.empty(); // the code that runs states no contract (a graph written by hand): nothing to hold
        }
        Optional<String> proposed = read(entries, resource);
        if (proposed.isEmpty()) {
            return Optional.of("Deployment '" + next.name() + "' names a classPath without " + resource + ": it holds no"
                    + " build of application '" + application + "' (it needs the application's jar or classes, and the"
                    + " Trellis runtime); nothing changed");
        }
        List<String> breaking = ProtoContract.parse(current.get()).breakingChanges(ProtoContract.parse(proposed.get()),
                Set.of(next.name()));
        if (breaking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Deployment '" + next.name() + "''s new code changes its wire contract so that its callers,"
                + " which keep running, could not read it: " + String.join("; ", breaking) + ". Keep the fields (add new"
                + " ones), or roll its callers with it in a new start; nothing changed");
    }

    private static Optional<String> read(List<String> classPath, String resource) {
        List<URL> urls = new ArrayList<>();
        try {
            for (String entry : classPath) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // No parent but the platform's: only what the class path itself holds is read.
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            return read(loader, resource);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
