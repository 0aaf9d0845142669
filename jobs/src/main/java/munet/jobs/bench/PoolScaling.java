package munet.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.EvolutionSettings;
import munet.evolution.IterationJournal;
import munet.evolution.Learner;
import munet.evolution.Rng;
import munet.evolution.TaskIteration;
import munet.evolution.TestResult;
import munet.store.BlobStore;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.HyperparameterSpace;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;

/**
 * The driver's costs as the pool grows, on synthetic systems of T tasks (each owning its own top
 * block, final norm and head, sharing the rest with the root; blobs are empty files, since only
 * the driver's work is measured): a commit (tables of every path and component, a blob check per
 * component), the rebase of an iteration onto the newest version, and one generation's driver
 * work: planning, selection, its history file and the iteration's checkpoint (a learner that
 * answers at once, so nothing else remains).
 */
final class PoolScaling {

    /** The driver's costs with {@code tasks} tasks in the system (medians of {@link #REPEATS}). */
    record Point(int tasks, int components, double commitSeconds, double rebaseMillis, double generationMillis) {}

    static final int REPEATS = 3;

    private PoolScaling() {}

    static List<Point> measure(
            SystemStore store,
            StoreSettings settings,
            EvolutionSettings evolution,
            HyperparameterSpace space,
            List<Integer> taskCounts)
            throws IOException {
        List<Point> points = new ArrayList<>();
        try (StoreLease lease = store.acquireLease("munet bench sweep", settings)) {
            SystemState root = store.load(1);
            // a first commit warms up the JIT and Parquet's writers, as every later commit of a job finds them
            SystemState latest = store.commit(lease, at(grown(store, root, taskCounts.get(0)), root.version() + 1));
            for (int tasks : taskCounts) {
                SystemState system = grown(store, root, tasks);
                double[] commit = new double[REPEATS];
                double[] rebase = new double[REPEATS];
                double[] generation = new double[REPEATS];
                for (int r = 0; r < REPEATS; r++) {
                    long start = System.nanoTime();
                    latest = store.commit(lease, at(system, latest.version() + 1));
                    commit[r] = (System.nanoTime() - start) / 1e9;
                    Path moved = latest.bestPaths().values().iterator().next();
                    start = System.nanoTime();
                    latest.withBestPath(moved, latest::component);
                    rebase[r] = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    IterationJournal journal = (state, specs, results) -> {
                        store.history().writeGeneration(lease, specs, results);
                        store.checkpoint().save(lease, state);
                    };
                    new TaskIteration(evolution, space, new Unimproved(), journal)
                            .run(latest, moved.task(), 1, new Rng(r));
                    generation[r] = (System.nanoTime() - start) / 1e6 / evolution.generations();
                }
                points.add(new Point(
                        tasks,
                        system.components().size(),
                        Medians.of(commit),
                        Medians.of(rebase),
                        Medians.of(generation)));
            }
        }
        return points;
    }

    private static SystemState at(SystemState system, long version) {
        return new SystemState(
                version,
                system.architecture(),
                system.tasks(),
                system.components(),
                system.bestPaths(),
                system.rootPaths());
    }

    /** {@code root} (a root-only system) with {@code count} tasks; the new components' blobs are empty files. */
    private static SystemState grown(SystemStore store, SystemState root, int count) throws IOException {
        Path rootPath = root.rootPaths().get(0);
        Set<String> owned = SyntheticPath.ownedNames(rootPath);
        Map<String, Task> tasks = new LinkedHashMap<>();
        Map<String, Component> components = new HashMap<>(root.components());
        Map<String, Path> best = new LinkedHashMap<>();
        Map<String, Set<String>> owners = new HashMap<>();
        for (int k = 0; k < count; k++) {
            Task task = new Task(String.format("pool-%04d", k), 10, false, "file:/unused");
            tasks.put(task.name(), task);
            List<String> ids = new ArrayList<>();
            for (String name : rootPath.componentNames()) {
                String id = rootPath.componentId(name);
                if (owned.contains(name)) {
                    Component like = root.component(id);
                    id = sha256(task.name() + "/" + name);
                    components.put(id, new Component(id, name, like.kind(), like.shape(), like.paramCount(), Set.of()));
                    emptyFile(store, store.blobs().pathOf(id));
                }
                owners.computeIfAbsent(id, x -> new TreeSet<>()).add(task.name());
                ids.add(id);
            }
            best.put(
                    task.name(),
                    SyntheticPath.of(task.name(), rootPath, ids, 0.5).withTest(0.5, sha256(task.name())));
        }
        rootPath.componentIds()
                .forEach(id -> owners.computeIfAbsent(id, x -> new TreeSet<>()).add(Task.ROOT));
        owners.forEach((id, tasksOf) -> components.put(id, components.get(id).withOwners(tasksOf)));
        return new SystemState(root.version(), root.architecture(), tasks, components, best, root.rootPaths());
    }

    /**
     * An empty file: through java.nio on a local store, since Hadoop's local file system starts a
     * chmod process per created file (minutes for thousands of blobs).
     */
    private static void emptyFile(SystemStore store, org.apache.hadoop.fs.Path file) throws IOException {
        if (file.toUri().getScheme().equals("file")) {
            java.nio.file.Path local = java.nio.file.Path.of(file.toUri());
            java.nio.file.Files.createDirectories(local.getParent());
            java.nio.file.Files.deleteIfExists(local);
            java.nio.file.Files.createFile(local);
        } else {
            store.fileSystem().create(file, true).close();
        }
    }

    private static String sha256(String text) {
        return BlobStore.idOf(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers at once that no candidate improved: the iteration then costs only the driver's work. */
    private static final class Unimproved implements Learner {
        @Override
        public List<CandidateResult> train(List<CandidateSpec> candidates) {
            return candidates.stream()
                    .map(spec -> new CandidateResult(
                            spec.candidateId(),
                            List.of(),
                            false,
                            Double.NaN,
                            Double.NEGATIVE_INFINITY,
                            Map.of(),
                            Map.of(),
                            0,
                            0,
                            0,
                            Map.of(),
                            "none"))
                    .toList();
        }

        @Override
        public List<TestResult> test(List<CandidateSpec> paths) {
            throw new IllegalStateException("no path changed, so none is tested");
        }
    }
}
