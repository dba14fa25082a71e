package dev.trellis.processor;

import dev.trellis.processor.read.AnnotationNames;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Warns about a deployment declared beside an application (in its package) that no application of the
 * compile reaches: it compiles, but never runs. Decided once, when every round is over and every
 * application has been read. Names are kept rather than elements, which belong to their round. Skipped
 * when the compile has errors: an application with errors reaches nothing that could be known.
 */
final class ReachabilityStep implements Step {

    private final Elements elements;
    private final Diagnostics diagnostics;
    private final Supplier<Set<String>> reached;
    private final SortedSet<String> deployments = new TreeSet<>();
    private final Map<String, SortedSet<String>> applicationsByPackage = new TreeMap<>();

    /**
     * @param reached the qualified names of the deployments some application reaches, complete once
     *     processing is over
     */
    ReachabilityStep(Elements elements, Diagnostics diagnostics, Supplier<Set<String>> reached) {
        this.elements = elements;
        this.diagnostics = diagnostics;
        this.reached = reached;
    }

    @Override
    public Set<String> annotations() {
        return Set.of(AnnotationNames.DEPLOYMENT, AnnotationNames.APPLICATION);
    }

    @Override
    public void process(RoundEnvironment round) {
        for (TypeElement type : AnnotatedTypes.sorted(round, elements, AnnotationNames.DEPLOYMENT)) {
            deployments.add(type.getQualifiedName().toString());
        }
        for (TypeElement type : AnnotatedTypes.sorted(round, elements, AnnotationNames.APPLICATION)) {
            applicationsByPackage.computeIfAbsent(packageOf(type), ignored -> new TreeSet<>())
                    .add(type.getQualifiedName().toString());
        }
    }

    @Override
    public void finish() {
        if (diagnostics.errorCount() > 0) {
            return;
        }
        for (String name : deployments) {
            try {
                TypeElement type = elements.getTypeElement(name);
                if (type == null || reached.get().contains(name)) {
                    continue;
                }
                SortedSet<String> applications = applicationsByPackage.get(packageOf(type));
                if (applications != null) {
                    diagnostics.warning(ErrorMessages.unreachable(name, type.getSimpleName() + "Handle",
                            "@Application " + String.join(", ", applications)), type);
                }
            } catch (RuntimeException e) {
                diagnostics.error(ErrorMessages.internalError(name, e), null);
            }
        }
    }

    private String packageOf(TypeElement type) {
        return elements.getPackageOf(type).getQualifiedName().toString();
    }
}
