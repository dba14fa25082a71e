package dev.trellis.runtime.control;

import dev.trellis.runtime.config.DeploymentTarget;
import dev.trellis.runtime.wire.ProtoContract;
import java.io.IOException;
import java.io.InputStream;
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
     * What is wrong with {@code next}'s code, against the code that runs it now, if anything.
     *
     * @param resource where a build of the application holds its {@code .proto}
     * @param running the class path its replicas run now; empty for the application's own code
     * @param applicationCode the class loader of the application's own code
     */
    static Optional<String> problem(String application, String resource, Optional<List<String>> running,
            DeploymentTarget next, ClassLoader applicationCode) {
        if (next.classPath().isEmpty() || next.classPath().equals(running)) {
            return Optional.empty();
        }
        List<String> entries = next.classPath().get();
        if (entries.isEmpty()) {
            return Optional.of("Deployment '" + next.name() + "' names an empty classPath: its replica JVMs would have"
                    + " no code; name the application's jar and its dependencies, or leave classPath out");
        }
        for (String entry : entries) {
            Optional<String> missing = missing(entry);
            if (missing.isPresent()) {
                return Optional.of("Deployment '" + next.name() + "' names classPath entry \"" + entry + "\", which "
                        + missing.get());
            }
        }
        Optional<String> current = running.isPresent() ? read(running.get(), resource) : read(applicationCode, resource);
        if (current.isEmpty()) {
            return Optional.empty(); // the code that runs states no contract (a graph written by hand): nothing to hold
        }
        Optional<String> proposed = read(entries, resource);
        if (proposed.isEmpty()) {
            return Optional.of("Deployment '" + next.name() + "' names a classPath without " + resource + ": it holds no"
                    + " build of application '" + application + "' (it needs the application's jar or classes, and the"
                    + " Trellis runtime)");
        }
        // Its own service, which its callers call, and those of the deployments it calls, which keep running.
        Set<String> services = new java.util.HashSet<>();
        services.add(serviceName(next.name()));
        next.dependencies().forEach(dependency -> services.add(serviceName(dependency)));
        List<String> breaking = ProtoContract.parse(current.get()).breakingChanges(ProtoContract.parse(proposed.get()),
                services);
        if (breaking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Deployment '" + next.name() + "': its new code changes the wire contract between it and"
                + " deployments that keep running, which could not read it: " + String.join("; ", breaking)
                + ". Keep the fields (add new ones), or roll the deployments on both sides in a new start");
    }

    /** The service a deployment's methods are in the generated {@code .proto}, as the processor names it. */
    private static String serviceName(String deployment) {
        return deployment.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Why {@code entry} cannot be a class path entry, if it cannot. */
    private static Optional<String> missing(String entry) {
        if (entry.isBlank()) {
            return Optional.of("is empty");
        }
        try {
            return Files.exists(Path.of(entry)) ? Optional.empty()
                    : Optional.of("does not exist on the controller's machine");
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.of("is not a path: " + e.getReason());
        }
    }

    private static Optional<String> read(List<String> classPath, String resource) {
        List<URL> urls = new ArrayList<>();
        try {
            for (String entry : classPath) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // entries were checked before: one that changed meanwhile reads as none
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
