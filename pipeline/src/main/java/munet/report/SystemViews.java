package munet.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import munet.evolution.Scorer;
import munet.store.CandidateRow;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The views the µ2Net papers explain a system with, computed from every committed version and the
 * candidate history of a store: which task created each component of each path, the parameters
 * each task added in the order tasks were introduced, accuracy against accounted parameters,
 * accuracy across versions, compute per task and the best score by generation.
 */
public final class SystemViews {
    private final List<SystemState> versions;
    private final List<CandidateRow> candidates;
    private final SystemState latest;
    private final Map<String, String> creators;

    SystemViews(List<SystemState> versions, List<CandidateRow> candidates) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one committed version");
        }
        this.versions = List.copyOf(versions);
        this.candidates = List.copyOf(candidates);
        this.latest = versions.get(versions.size() - 1);
        this.creators = creators();
    }

    /** Reads every committed version and the whole candidate history of {@code store}. */
    public static SystemViews read(SystemStore store) throws IOException {
        List<SystemState> versions = new ArrayList<>();
        for (long version : store.committedVersions()) {
            versions.add(store.load(version));
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("store " + store.root() + " has no committed version: run init first");
        }
        return new SystemViews(versions, store.history().read());
    }

    SystemState latest() {
        return latest;
    }

    /**
     * The task that created each component of the latest version: the task of the candidate that
     * wrote it (the history names each candidate's new components), else the root for the root's,
     * else the first owner, in registration order, of the first version that holds it.
     */
    private Map<String, String> creators() {
        Map<String, String> byId = new HashMap<>();
        candidates.forEach(
                row -> row.result().newComponentIds().values().forEach(id -> byId.putIfAbsent(id, row.task())));
        for (SystemState version : versions) {
            for (Component component : version.components().values()) {
                if (!byId.containsKey(component.id())) {
                    String first = component.owners().contains(Task.ROOT)
                            ? Task.ROOT
                            : version.tasks().keySet().stream()
                                    .filter(component.owners()::contains)
                                    .findFirst()
                                    .orElse(component.sortedOwners().get(0));
                    byId.put(component.id(), first);
                }
            }
        }
        return byId;
    }

    String creatorOf(String componentId) {
        return creators.get(componentId);
    }

    /** A task and the committed version that first held its path. */
    record Introduction(String task, long version, long createdParams, long poolAfter) {}

    /**
     * The root, then every task with a path in the order tasks got their first path (by version,
     * then registration order): the parameters of the latest pool it created and the pool size
     * once it and the earlier ones are counted.
     */
    List<Introduction> introductions() {
        List<String> registered = new ArrayList<>(latest.tasks().keySet());
        Map<String, Long> first = new LinkedHashMap<>();
        first.put(Task.ROOT, versions.get(0).version());
        for (SystemState version : versions) {
            version.bestPaths().keySet().forEach(task -> first.putIfAbsent(task, version.version()));
        }
        List<String> order = first.keySet().stream()
                .filter(task -> task.equals(Task.ROOT) || latest.bestPaths().containsKey(task))
                .sorted(Comparator.comparing(first::get)
                        .thenComparing(task -> task.equals(Task.ROOT) ? -1 : registered.indexOf(task)))
                .toList();
        List<Introduction> introductions = new ArrayList<>();
        long pool = 0;
        for (String task : order) {
            long created = latest.components().values().stream()
                    .filter(c -> task.equals(creators.get(c.id())))
                    .mapToLong(Component::paramCount)
                    .sum();
            pool += created;
            introductions.add(new Introduction(task, first.get(task), created, pool));
        }
        return introductions;
    }

    /** A task's best path in the latest version: accuracies and parameters (accounted: a component shared by k tasks counts 1/k). */
    record TaskAccuracy(String task, double validation, double test, long totalParams, double accountedParams) {}

    List<TaskAccuracy> accuracies() {
        List<TaskAccuracy> rows = new ArrayList<>();
        for (Path path : latest.bestPaths().values()) {
            double accounted =
                    new Scorer(1.0, latest.rootParams(), path.task()).accountedParams(path, latest::component);
            long total = path.componentIds().stream()
                    .mapToLong(id -> latest.component(id).paramCount())
                    .sum();
            rows.add(new TaskAccuracy(path.task(), path.quality(), path.testQuality(), total, accounted));
        }
        return rows;
    }

    /** Per task, {version, test accuracy} of every committed version holding its path. */
    Map<String, List<double[]>> testAccuracyByVersion() {
        Map<String, List<double[]>> byTask = new LinkedHashMap<>();
        for (SystemState version : versions) {
            version.bestPaths()
                    .values()
                    .forEach(path -> byTask.computeIfAbsent(path.task(), t -> new ArrayList<>())
                            .add(new double[] {version.version(), path.testQuality()}));
        }
        return byTask;
    }

    /** What a task's candidates cost: how many, images trained, seconds of every phase. */
    record Compute(String task, int candidates, long images, double seconds) {}

    /** In introduction order, then tasks whose candidates never made a path. */
    List<Compute> compute() {
        Map<String, Compute> byTask = new LinkedHashMap<>();
        introductions().forEach(intro -> byTask.put(intro.task(), null));
        for (CandidateRow row : candidates) {
            Compute sum = byTask.get(row.task()) == null ? new Compute(row.task(), 0, 0, 0) : byTask.get(row.task());
            byTask.put(
                    row.task(),
                    new Compute(
                            row.task(),
                            sum.candidates() + 1,
                            sum.images() + row.result().imagesTrained(),
                            sum.seconds() + row.result().totalSeconds()));
        }
        return byTask.values().stream().filter(Objects::nonNull).toList();
    }

    /**
     * Per task (in introduction order), {generation number, best score so far} over its passes in order (generation 1 is
     * the first of its first pass), from the first generation that kept a candidate: the score of
     * the best candidate that beat its parent, as the run computed it.
     */
    Map<String, List<double[]>> bestScoreByGeneration() {
        Map<String, List<double[]>> byTask = new LinkedHashMap<>();
        introductions().forEach(intro -> byTask.put(intro.task(), new ArrayList<>()));
        Map<String, Integer> generations = new HashMap<>();
        Map<String, String> lastGeneration = new HashMap<>();
        Map<String, Double> best = new HashMap<>();
        // the history is ordered by task, pass and generation
        for (CandidateRow row : candidates) {
            String key = row.pass() + "/" + row.generation();
            if (!key.equals(lastGeneration.put(row.task(), key))) {
                generations.merge(row.task(), 1, Integer::sum);
            }
            if (row.result().improved()) {
                best.merge(row.task(), row.result().bestScore(), Math::max);
            }
            if (best.containsKey(row.task())) {
                List<double[]> curve = byTask.computeIfAbsent(row.task(), t -> new ArrayList<>());
                double[] point = {generations.get(row.task()), best.get(row.task())};
                if (!curve.isEmpty() && curve.get(curve.size() - 1)[0] == point[0]) {
                    curve.set(curve.size() - 1, point);
                } else {
                    curve.add(point);
                }
            }
        }
        byTask.values().removeIf(List::isEmpty);
        return byTask;
    }

    /**
     * Every live path of the latest version (root first) as its layers' creators, over the
     * layer names of all paths in path order (adapters between the blocks they follow).
     */
    record Architecture(List<String> layers, Map<String, Map<String, String>> creatorsByTask) {}

    Architecture architecture() {
        List<String> layers = new ArrayList<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Path path : latest.livePaths()) {
            Map<String, String> row = new LinkedHashMap<>();
            int at = 0;
            for (int i = 0; i < path.componentIds().size(); i++) {
                String name = path.componentNames().get(i);
                int known = layers.indexOf(name);
                if (known < 0) {
                    layers.add(at, name);
                    known = at;
                }
                at = known + 1;
                row.put(name, creators.get(path.componentIds().get(i)));
            }
            rows.putIfAbsent(path.task(), row);
        }
        return new Architecture(layers, rows);
    }
}
