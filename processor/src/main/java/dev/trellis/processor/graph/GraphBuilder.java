package dev.trellis.processor.graph;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.model.ApplicationModel;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.read.AnnotationNames;
import dev.trellis.processor.model.HandleParameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Collects the deployments reachable from an ingress, checks the rules that concern the graph as a whole
 * (unique names, no cycle, one ingress) and orders the deployments so that each comes after those it calls.
 */
public final class GraphBuilder {

    private final Diagnostics diagnostics;
    private final Function<ClassName, Optional<DeploymentModel>> deployments;

    /**
     * @param diagnostics where errors go
     * @param deployments the model of a deployment class; empty if it had errors (already reported)
     */
    public GraphBuilder(Diagnostics diagnostics, Function<ClassName, Optional<DeploymentModel>> deployments) {
        this.diagnostics = diagnostics;
        this.deployments = deployments;
    }

    public Optional<ApplicationModel> build(String name, ClassName declaration, DeploymentModel ingress,
            long requestTimeoutMillis, TypeElement source, AnnotationMirror annotation) {
        Optional<Map<ClassName, DeploymentModel>> reachable = collectReachable(ingress);
        if (reachable.isEmpty()) {
            return Optional.empty();
        }
        int errorsBefore = diagnostics.errorCount();
        checkUniqueNames(name, reachable.get().values());
        checkAcyclic(ingress, reachable.get());
        IngressCountRule.check(name, ingress, reachable.get().values(), diagnostics, source, annotation);
        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ApplicationModel(name, declaration, ingress,
                topologicalOrder(reachable.get()), requestTimeoutMillis));
    }

    /** Every deployment reachable from the ingress, or empty if one of them had errors. */
    private Optional<Map<ClassName, DeploymentModel>> collectReachable(DeploymentModel ingress) {
        Map<ClassName, DeploymentModel> reachable = new LinkedHashMap<>();
        Deque<DeploymentModel> pending = new ArrayDeque<>(List.of(ingress));
        reachable.put(ingress.type(), ingress);
        while (!pending.isEmpty()) {
            for (HandleParameter edge : pending.removeFirst().handleParameters()) {
                if (reachable.containsKey(edge.target())) {
                    continue;
                }
                Optional<DeploymentModel> target = deployments.apply(edge.target());
                if (target.isEmpty()) {
                    return Optional.empty();
                }
                reachable.put(edge.target(), target.get());
                pending.addLast(target.get());
            }
        }
        return Optional.of(reachable);
    }

    /**
     * Reports two deployments of one name on each of them, at its {@code @Deployment}, where a user renames
     * one; the application only names the pair.
     */
    private void checkUniqueNames(String application, Iterable<DeploymentModel> models) {
        Map<String, DeploymentModel> byName = new HashMap<>();
        List<DeploymentModel> sorted = new ArrayList<>();
        models.forEach(sorted::add);
        sorted.sort(Comparator.comparing(model -> model.type().canonicalName()));
        for (DeploymentModel model : sorted) {
            DeploymentModel first = byName.putIfAbsent(model.name(), model);
            if (first != null) {
                for (DeploymentModel conflicting : List.of(first, model)) {
                    DeploymentModel other = conflicting == first ? model : first;
                    diagnostics.error(ErrorMessages.duplicateDeployment(model.name(), application,
                            other.type().canonicalName()), conflicting.source(), deploymentAnnotation(conflicting.source()));
                }
            }
        }
    }

    private static AnnotationMirror deploymentAnnotation(TypeElement type) {
        return type.getAnnotationMirrors().stream()
                .filter(mirror -> mirror.getAnnotationType().toString().equals(AnnotationNames.DEPLOYMENT))
                .findFirst().orElse(null);
    }

    /** Reports the first cycle found, on the handle parameter that closes it. */
    private void checkAcyclic(DeploymentModel ingress, Map<ClassName, DeploymentModel> reachable) {
        new CycleFinder(reachable).find(ingress).ifPresent(cycle ->
                diagnostics.error(ErrorMessages.cycle(cycle.path()), cycle.closingEdge().source()));
    }

    /** Kahn's algorithm over the reachable graph, taking ready deployments in name order. */
    private static List<DeploymentModel> topologicalOrder(Map<ClassName, DeploymentModel> reachable) {
        Map<ClassName, Integer> unmetDependencies = new HashMap<>();
        Map<ClassName, List<DeploymentModel>> callers = new HashMap<>();
        for (DeploymentModel model : reachable.values()) {
            List<ClassName> targets = model.handleParameters().stream()
                    .map(HandleParameter::target).distinct().toList();
            unmetDependencies.put(model.type(), targets.size());
            for (ClassName target : targets) {
                callers.computeIfAbsent(target, ignored -> new ArrayList<>()).add(model);
            }
        }
        PriorityQueue<DeploymentModel> ready = new PriorityQueue<>(
                Comparator.comparing(DeploymentModel::name).thenComparing(m -> m.type().canonicalName()));
        reachable.values().stream().filter(m -> unmetDependencies.get(m.type()) == 0).forEach(ready::add);
        List<DeploymentModel> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            DeploymentModel next = ready.poll();
            order.add(next);
            for (DeploymentModel caller : callers.getOrDefault(next.type(), List.of())) {
                if (unmetDependencies.merge(caller.type(), -1, Integer::sum) == 0) {
                    ready.add(caller);
                }
            }
        }
        return order;
    }
}
