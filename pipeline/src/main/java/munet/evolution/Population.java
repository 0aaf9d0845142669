package munet.evolution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;

/**
 * What the active task's iteration knows: the committed system it started from plus the paths
 * and components it created so far (its {@link IterationState}). The active task's paths are
 * scored once, when the population is made: their components and owners do not change within
 * an iteration.
 */
public final class Population {
    private final SystemState system;
    private final IterationState state;
    private final Map<String, Path> paths = new HashMap<>();
    private final Map<String, Component> newComponents = new HashMap<>();
    private final Map<String, Double> scores = new HashMap<>();

    public Population(SystemState system, IterationState state, Scorer scorer) {
        this.system = system;
        this.state = state;
        system.livePaths().forEach(path -> paths.put(path.id(), path));
        state.population().forEach(path -> paths.put(path.id(), path));
        state.newComponents().forEach(component -> newComponents.put(component.id(), component));
        state.population().forEach(path -> scores.put(path.id(), scorer.score(path, this::component)));
    }

    public SystemState system() {
        return system;
    }

    public IterationState state() {
        return state;
    }

    public Component component(String id) {
        Component created = newComponents.get(id);
        return created != null ? created : system.component(id);
    }

    /** A path this iteration knows by id, or null. */
    public Path path(String id) {
        return id == null ? null : paths.get(id);
    }

    /** The path, then its known ancestors through {@link Path#parentId()}, nearest first. */
    public List<Path> lineage(Path path) {
        List<Path> lineage = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path p = path; p != null && seen.add(p.id()); p = path(p.parentId())) {
            lineage.add(p);
        }
        return lineage;
    }

    /** The score of one of the active task's paths. */
    public double score(Path path) {
        Double score = scores.get(path.id());
        if (score == null) {
            throw new IllegalArgumentException(
                    "path " + path.id() + " is not in the population of task " + state.task());
        }
        return score;
    }

    /** The active task's paths, best score first; equal scores keep their order of arrival. */
    public List<Path> bestFirst() {
        List<Path> sorted = new ArrayList<>(state.population());
        sorted.sort(Comparator.comparingDouble(this::score).reversed());
        return sorted;
    }

    /** The active task's best path (ties: the most recent), or null if it has none yet. */
    public Path best() {
        Path best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Path path : state.population()) {
            double score = score(path);
            if (best == null || score >= bestScore) {
                best = path;
                bestScore = score;
            }
        }
        return best;
    }
}
