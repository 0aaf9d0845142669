package munet.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One committed version of the multitask system: the registered tasks (in registration order),
 * the live components, every task's best path and the root model's paths. Immutable; every
 * change makes a new state.
 */
public record SystemState(
        long version,
        VitArchitecture architecture,
        Map<String, Task> tasks,
        Map<String, Component> components,
        Map<String, Path> bestPaths,
        List<Path> rootPaths) {

    public SystemState {
        tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        components = Collections.unmodifiableMap(new TreeMap<>(components));
        bestPaths = Collections.unmodifiableMap(new LinkedHashMap<>(bestPaths));
        rootPaths = List.copyOf(rootPaths);
        if (rootPaths.isEmpty()) {
            throw new IllegalArgumentException("a system needs at least one root path");
        }
        for (Path path : allPaths(bestPaths, rootPaths)) {
            for (String id : path.componentIds()) {
                if (!components.containsKey(id)) {
                    throw new IllegalArgumentException("path " + path.id() + " of task " + path.task()
                            + " uses component " + id + " that the system does not hold");
                }
            }
        }
    }

    private static List<Path> allPaths(Map<String, Path> bestPaths, List<Path> rootPaths) {
        List<Path> all = new ArrayList<>(rootPaths);
        all.addAll(bestPaths.values());
        return all;
    }

    /** Root paths first, then the best path of every task that has one. */
    public List<Path> livePaths() {
        return allPaths(bestPaths, rootPaths);
    }

    public Task task(String name) {
        Task task = tasks.get(name);
        if (task == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; registered tasks: " + tasks.keySet());
        }
        return task;
    }

    public Component component(String id) {
        Component component = components.get(id);
        if (component == null) {
            throw new IllegalArgumentException("unknown component " + id);
        }
        return component;
    }

    /** Total parameters of the first root path: the unit of the score's size penalty. */
    public long rootParams() {
        long total = 0;
        for (String id : rootPaths.get(0).componentIds()) {
            total += component(id).paramCount();
        }
        return total;
    }

    /**
     * The next version: {@code best} becomes its task's path, every component's owners are the
     * tasks whose live path uses it (root for a root path's) and components no live path uses are
     * dropped. {@code known} gives the components of {@code best} this system does not hold (those
     * its iteration created, or held by the version it started from).
     */
    public SystemState withBestPath(Path best, Function<String, Component> known) {
        Map<String, Path> nextBest = new LinkedHashMap<>(bestPaths);
        nextBest.put(best.task(), best);
        Map<String, Set<String>> owners = new TreeMap<>();
        for (Path path : allPaths(nextBest, rootPaths)) {
            path.componentIds()
                    .forEach(id ->
                            owners.computeIfAbsent(id, k -> new TreeSet<>()).add(path.task()));
        }
        Map<String, Component> nextComponents = new TreeMap<>();
        owners.forEach((id, tasks) -> {
            Component component = components.containsKey(id) ? components.get(id) : known.apply(id);
            nextComponents.put(id, component.withOwners(tasks));
        });
        return new SystemState(version + 1, architecture, this.tasks, nextComponents, nextBest, rootPaths);
    }

    public SystemState withTask(Task task) {
        Map<String, Task> next = new LinkedHashMap<>(tasks);
        next.put(task.name(), task);
        return new SystemState(version, architecture, next, components, bestPaths, rootPaths);
    }
}
