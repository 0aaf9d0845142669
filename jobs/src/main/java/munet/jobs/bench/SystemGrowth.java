package munet.jobs.bench;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.data.ParquetExampleSource;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.model.FreshComponents;
import munet.store.StoreLease;
import munet.store.StoreSettings;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.train.LocalLearner;
import munet.train.TrainingConfig;
import org.apache.hadoop.fs.FileSystem;

/**
 * Grows a real store by one task at a time, each task's path sharing the root's embeddings and
 * lower blocks and owning a new top block, final norm and head (random weights: cost, not
 * accuracy, is measured), and measures what the k-th task's commit writes, and how fast one
 * task's path infers on its test split while the system holds more and more tasks.
 */
final class SystemGrowth {

    /** What adding the k-th task cost: its new blobs, the version's tables and the commit call. */
    record Commit(int task, long newParams, long blobBytes, long tableBytes, double commitSeconds) {}

    /** Inference of the first task's path with {@code tasks} tasks in the system (median of repeats). */
    record Inference(int tasks, double loadSystemSeconds, long examples, double imagesPerSecond) {}

    /** Heap the driver holds for a loaded system of {@code tasks} tasks (median of repeats). */
    record DriverHeap(int tasks, int components, long bytes) {}

    static final int REPEATS = 5;

    private final SystemStore store;
    private final Task dataset;
    private final Config config;
    private final List<Commit> commits = new ArrayList<>();
    private final List<Inference> inferences = new ArrayList<>();
    private final Map<Integer, Long> versions = new LinkedHashMap<>();

    SystemGrowth(SystemStore store, Task dataset, Config config) {
        this.store = store;
        this.dataset = dataset;
        this.config = config;
    }

    /**
     * Adds tasks one by one up to {@code maxTasks}, then measures inference on the versions that
     * held {@code inferAt} tasks, round-robin over the versions so that other load on the machine
     * falls on every system size alike.
     */
    void grow(int maxTasks, List<Integer> inferAt) throws IOException {
        try (StoreLease lease = store.acquireLease("munet bench perf", StoreSettings.fromConfig(config))) {
            SystemState system = store.load(1);
            for (int k = 1; k <= maxTasks; k++) {
                system = addTask(system, lease, k);
                versions.put(k, system.version());
            }
        }
        LocalLearner learner = new LocalLearner(
                TrainingConfig.from(config), ParquetExampleSource.fromConfig(config), store.blobs(), "driver");
        Map<Integer, double[]> load = new LinkedHashMap<>();
        Map<Integer, double[]> rate = new LinkedHashMap<>();
        long examples = learner.test(List.of(spec(store.load(versions.get(inferAt.get(0))))))
                .get(0)
                .examples(); // warm-up
        for (int r = 0; r < REPEATS; r++) {
            for (int tasks : inferAt) {
                long start = System.nanoTime();
                SystemState system = store.load(versions.get(tasks));
                long loaded = System.nanoTime();
                examples = learner.test(List.of(spec(system))).get(0).examples();
                load.computeIfAbsent(tasks, t -> new double[REPEATS])[r] = (loaded - start) / 1e9;
                rate.computeIfAbsent(tasks, t -> new double[REPEATS])[r] =
                        examples / ((System.nanoTime() - loaded) / 1e9);
            }
        }
        for (int tasks : inferAt) {
            inferences.add(new Inference(tasks, Medians.of(load.get(tasks)), examples, Medians.of(rate.get(tasks))));
        }
    }

    /**
     * The driver's memory for the system's metadata: heap in use after loading the version that
     * held {@code tasks} tasks minus before (after a GC each time), with the state still referenced.
     */
    List<DriverHeap> driverHeap(List<Integer> taskCounts) throws IOException {
        List<DriverHeap> heaps = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        for (int tasks : taskCounts) {
            double[] bytes = new double[REPEATS];
            int components = 0;
            for (int r = 0; r < REPEATS; r++) {
                System.gc();
                long before = runtime.totalMemory() - runtime.freeMemory();
                SystemState system = store.load(versions.get(tasks));
                System.gc();
                bytes[r] = runtime.totalMemory() - runtime.freeMemory() - before;
                components = system.components().size();
                java.lang.ref.Reference.reachabilityFence(system);
            }
            heaps.add(new DriverHeap(tasks, components, Math.round(Medians.of(bytes))));
        }
        return heaps;
    }

    List<Commit> commits() {
        return List.copyOf(commits);
    }

    List<Inference> inferences() {
        return List.copyOf(inferences);
    }

    private SystemState addTask(SystemState system, StoreLease lease, int k) throws IOException {
        Task task = new Task(String.format("perf-%02d", k), dataset.numClasses(), false, dataset.datasetUri());
        Path root = system.rootPaths().get(0);
        Set<String> owned = SyntheticPath.ownedNames(root);
        List<ComponentSlot> fresh = new ArrayList<>();
        for (String name : root.componentNames()) {
            if (owned.contains(name)) {
                Component like = system.component(root.componentId(name));
                List<Integer> shape = name.equals(ComponentNames.HEAD)
                        ? system.architecture()
                                .shapeOf(
                                        name,
                                        root.hparams().getInt(Hyperparameter.DS_IMAGE_SIZE),
                                        root.hparams().getInt(Hyperparameter.ADAPTER_DIM),
                                        task.numClasses())
                        : like.shape();
                fresh.add(new ComponentSlot(name, like.kind(), shape, new ComponentSlot.Fresh()));
            }
        }
        Map<String, String> newIds = FreshComponents.write(fresh, k, store.blobs());
        Map<String, Component> components = new HashMap<>(system.components());
        List<String> ids = new ArrayList<>();
        long newParams = 0;
        long blobBytes = 0;
        FileSystem fs = store.fileSystem();
        for (String name : root.componentNames()) {
            String id = newIds.getOrDefault(name, root.componentId(name));
            if (newIds.containsKey(name)) {
                ComponentSlot slot = fresh.stream()
                        .filter(s -> s.name().equals(name))
                        .findFirst()
                        .orElseThrow();
                Component made = slot.newComponent(id, Set.of(task.name()));
                components.put(id, made);
                newParams += made.paramCount();
                blobBytes += fs.getFileStatus(store.blobs().pathOf(id)).getLen();
            } else {
                Set<String> owners = new HashSet<>(components.get(id).owners());
                owners.add(task.name());
                components.put(id, components.get(id).withOwners(owners));
            }
            ids.add(id);
        }
        Map<String, Task> tasks = new LinkedHashMap<>(system.tasks());
        tasks.put(task.name(), task);
        Map<String, Path> best = new LinkedHashMap<>(system.bestPaths());
        best.put(task.name(), SyntheticPath.of(task.name(), root, ids, Double.NaN));
        SystemState next = new SystemState(
                system.version() + 1, system.architecture(), tasks, components, best, system.rootPaths());
        long start = System.nanoTime();
        SystemState committed = store.commit(lease, next);
        double seconds = (System.nanoTime() - start) / 1e9;
        long tableBytes = fs.getContentSummary(
                        new org.apache.hadoop.fs.Path(store.root(), "versions/" + committed.version()))
                .getLength();
        commits.add(new Commit(k, newParams, blobBytes, tableBytes, seconds));
        return committed;
    }

    private static CandidateSpec spec(SystemState system) {
        return CandidateSpec.ofCommittedPath(system, system.bestPaths().get("perf-01"), 0);
    }
}
