package dev.trellis.runtime.topology.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path replica processes start with: the one the application was loaded from. That is the
 * JVM's own class path, unless the application runs in a class loader of its own (as under
 * {@code mvn exec:java}), whose URLs then come first.
 */
final class ReplicaClassPath {

    private ReplicaClassPath() {}

    static String of(ClassLoader applicationLoader) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = applicationLoader; loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            entries.add(url.getPath());
                        }
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
