package dev.trellis.processor.graph;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.model.DeploymentModel;
import dev.trellis.processor.model.HandleParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Finds a cycle of handle parameters by depth-first search, keeping the path to show it. */
final class CycleFinder {

    private final Map<ClassName, DeploymentModel> graph;
    private final Set<ClassName> finished = new HashSet<>();
    private final List<DeploymentModel> path = new ArrayList<>();

    CycleFinder(Map<ClassName, DeploymentModel> graph) {
        this.graph = graph;
    }

    /**
     * A cycle through the deployments reachable from {@code start}.
     *
     * @param path the cycle as "A -> B -> A"
     * @param closingEdge the handle parameter that leads back to the start of the cycle
     */
    record Cycle(String path, HandleParameter closingEdge) {}

    Optional<Cycle> find(DeploymentModel start) {
        path.add(start);
        for (HandleParameter edge : start.handleParameters()) {
            DeploymentModel target = graph.get(edge.target());
            int onPath = path.indexOf(target);
            if (onPath >= 0) {
                String names = path.subList(onPath, path.size()).stream()
                        .map(DeploymentModel::name).collect(Collectors.joining(" -> "));
                return Optional.of(new Cycle(names + " -> " + target.name(), edge));
            }
            if (!finished.contains(target.type())) {
                Optional<Cycle> cycle = find(target);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        finished.add(start.type());
        return Optional.empty();
    }
}
