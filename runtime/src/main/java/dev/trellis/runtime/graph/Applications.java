package dev.trellis.runtime.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the applications on the class path. The processor registers one {@link ApplicationGraph} per
 * {@code @Application} under {@code META-INF/services}; this class looks them up by name, so a main
 * method or a test can say {@code Applications.find("hello")} instead of naming generated classes.
 */
public final class Applications {

    private Applications() {
    }

    /** Every application on the class path of the current thread, sorted by name. */
    public static List<ApplicationGraph> all() {
        return all(Thread.currentThread().getContextClassLoader());
    }

    /** Every application {@code loader} sees, sorted by name: a build tool's view of a project's classes. */
    public static List<ApplicationGraph> all(ClassLoader loader) {
        List<ApplicationGraph> graphs = new ArrayList<>();
        ServiceLoader.load(ApplicationGraph.class, loader).forEach(graphs::add);
        graphs.sort(Comparator.comparing(ApplicationGraph::name));
        return List.copyOf(graphs);
    }

    /**
     * The application named {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the names there are
     */
    public static ApplicationGraph find(String name) {
        return find(all(), name);
    }

    /**
     * The application named {@code name} if one is requested, otherwise the only application there is.
     *
     * @throws IllegalArgumentException if the choice is missing or ambiguous; the message lists the
     *     names there are and says how to choose
     */
    public static ApplicationGraph select(Optional<String> name) {
        return select(all(), name);
    }

    static ApplicationGraph select(List<ApplicationGraph> available, Optional<String> name) {
        if (name.isPresent()) {
            return find(available, name.get());
        }
        if (available.size() == 1) {
            return available.get(0);
        }
        if (available.isEmpty()) {
            throw new IllegalArgumentException("No Trellis application found on the class path: is the "
                    + "module compiled with the Trellis annotation processor and does it declare an @Application?");
        }
        throw new IllegalArgumentException("Found " + available.size() + " Trellis applications " + names(available)
                + "; choose one by name (first program argument or -Dtrellis.app=<name>)");
    }

    static ApplicationGraph find(List<ApplicationGraph> available, String name) {
        List<ApplicationGraph> matches = available.stream().filter(graph -> graph.name().equals(name)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("No Trellis application named '" + name + "'; available: "
                    + names(available));
        }
        throw new IllegalArgumentException("Found " + matches.size() + " Trellis applications named '" + name
                + "' (" + matches.stream().map(graph -> graph.getClass().getName()).toList()
                + "); application names must be unique on the class path");
    }

    private static List<String> names(List<ApplicationGraph> graphs) {
        return graphs.stream().map(ApplicationGraph::name).toList();
    }
}
