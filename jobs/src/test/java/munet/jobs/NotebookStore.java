package munet.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.store.BlobStore;
import munet.store.CandidateHistory;
import munet.store.StoreLease;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;
import org.apache.hadoop.conf.Configuration;

/**
 * A tiny store written by the real store classes, for the notebook queries: version 1 holds
 * digits and letters (both on the root's embeddings; letters also on the root's encoder block,
 * digits on its own clone), version 2 adds bengali on digits' encoder block, and version 3 is a
 * crashed commit (tables, no marker). The candidate history has 7 candidates of three tasks.
 * Components are named {@code <creator>/<component name>} here; owners follow from the paths.
 */
public final class NotebookStore {
    static final VitArchitecture ARCH = new VitArchitecture(8, 16, 2, 4, 3);
    static final double SCORE_FACTOR = 0.9;
    static final List<String> NAMES =
            List.of("patch_embedding", "class_token", "position_embedding", "encoderblock_0", "final_norm", "head");
    static final Map<String, Task> TASKS = tasks(
            new Task("digits", 10, false, "file:/data/digits"),
            new Task("letters", 26, false, "file:/data/letters"),
            new Task("bengali", 10, true, "file:/data/bengali"));

    private final BlobStore blobs;
    private final Map<String, String> ids = new HashMap<>();

    private NotebookStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Writes the store into {@code dir}. */
    public static void write(java.nio.file.Path dir) throws IOException {
        SystemStore store = SystemStore.open(dir.toUri().toString(), new Configuration());
        NotebookStore fixture = new NotebookStore(store.blobs());
        Path root = fixture.path(
                "root-0", "root", null, List.of("root", "root", "root", "root", "root", "root"), 0.5, Double.NaN);
        Path digits = fixture.path(
                "digits-v0-p1-g1-c0",
                "digits",
                "digits-v0-p1-g0-c0",
                List.of("root", "root", "root", "digits", "digits", "digits"),
                0.9,
                0.88);
        Path letters = fixture.path(
                "letters-v0-p1-g0-c1",
                "letters",
                "root-0",
                List.of("root", "root", "root", "root", "letters", "letters"),
                0.7,
                0.69);
        Path bengali = fixture.path(
                "bengali-v1-p1-g0-c0",
                "bengali",
                "digits-v0-p1-g1-c0",
                List.of("root", "root", "root", "digits", "bengali", "bengali"),
                0.8,
                0.75);
        try (StoreLease lease =
                StoreLease.acquire(store.fileSystem(), store.root(), "NotebooksTest", Clock.systemUTC())) {
            SystemState first = store.commit(lease, fixture.state(1, root, List.of(digits, letters)));
            store.commit(lease, fixture.state(first.version() + 1, root, List.of(digits, letters, bengali)));
        }
        java.nio.file.Path crashed = Files.createDirectories(dir.resolve("versions/3"));
        for (String table : List.of("tasks.parquet", "paths.parquet", "components.parquet")) {
            Files.copy(dir.resolve("versions/1").resolve(table), crashed.resolve(table));
        }
        writeHistory(store.history());
    }

    /** Parameters of the component {@code creator/name}. */
    public static long params(String key) {
        String name = key.substring(key.indexOf('/') + 1);
        ComponentKind kind = ComponentKind.ofName(name);
        return VitArchitecture.paramCount(kind, shape(name, key.startsWith("letters/") ? 26 : 10));
    }

    private static List<Integer> shape(String name, int classes) {
        return ARCH.shapeOf(name, 8, 4, classes);
    }

    /** A path whose i-th component is {@code creators.get(i) + "/" + NAMES.get(i)}. */
    private Path path(String id, String task, String parent, List<String> creators, double quality, double test)
            throws IOException {
        List<String> componentIds = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String key = creators.get(i) + "/" + NAMES.get(i);
            if (!ids.containsKey(key)) {
                ids.put(key, blobs.write(key.getBytes(StandardCharsets.UTF_8)));
            }
            componentIds.add(ids.get(key));
        }
        Hyperparameters hparams =
                new Hyperparameters(Map.of("mu", 0.1, "num_layers", 1, "opt_lr", 0.01, "ds_image_size", 8));
        return new Path(
                id, task, componentIds, NAMES, hparams, parent, quality, test, task.equals("root") ? null : "d-" + id);
    }

    private SystemState state(long version, Path root, List<Path> best) {
        Map<String, Set<String>> owners = new HashMap<>();
        List<Path> live = new ArrayList<>(best);
        live.add(root);
        live.forEach(path -> path.componentIds()
                .forEach(id -> owners.computeIfAbsent(id, k -> new TreeSet<>()).add(path.task())));
        Map<String, Component> pool = new LinkedHashMap<>();
        ids.forEach((key, id) -> {
            if (owners.containsKey(id)) {
                String name = key.substring(key.indexOf('/') + 1);
                List<Integer> shape = shape(name, key.startsWith("letters/") ? 26 : 10);
                pool.put(id, new Component(id, name, ComponentKind.ofName(name), shape, params(key), owners.get(id)));
            }
        });
        Map<String, Path> bestPaths = new LinkedHashMap<>();
        best.forEach(path -> bestPaths.put(path.task(), path));
        return new SystemState(version, ARCH, TASKS, pool, bestPaths, List.of(root));
    }

    private static void writeHistory(CandidateHistory history) throws IOException {
        generation(
                history,
                "digits-v0-p1-g0-c",
                List.of(
                        candidate("root-0", List.of(), true, 0.8),
                        candidate("root-0", List.of("opt_lr 0.01->0.02"), false, 0.6)));
        generation(
                history,
                "digits-v0-p1-g1-c",
                List.of(
                        candidate("digits-v0-p1-g0-c0", List.of("opt_lr 0.01->0.02", "adapter+ 0"), true, 0.9),
                        candidate("letters-v0-p1-g0-c1", List.of("mu 0.1->0.12"), false, 0.5)));
        generation(
                history,
                "letters-v0-p1-g0-c",
                List.of(
                        candidate("digits-v0-p1-g0-c0", List.of(), false, 0.4),
                        candidate("root-0", List.of("opt_lr 0.01->0.02"), true, 0.7)));
        generation(
                history,
                "bengali-v1-p1-g0-c",
                List.of(candidate("digits-v0-p1-g1-c0", List.of("adapter+ 0"), true, 0.8)));
    }

    private record Candidate(String parent, List<String> mutations, boolean improved, double quality) {}

    private static Candidate candidate(String parent, List<String> mutations, boolean improved, double quality) {
        return new Candidate(parent, mutations, improved, quality);
    }

    /** One generation; {@code idPrefix} is {@code <task>-v<base>-p<pass>-g<generation>-c} as the planner makes ids. */
    private static void generation(CandidateHistory history, String idPrefix, List<Candidate> candidates)
            throws IOException {
        String[] parts = idPrefix.split("-");
        Task task = TASKS.get(parts[0]);
        int pass = Integer.parseInt(parts[2].substring(1));
        int generation = Integer.parseInt(parts[3].substring(1));
        List<ComponentSlot> slots = List.of(new ComponentSlot(
                "head", ComponentKind.HEAD, shape("head", task.numClasses()), new ComponentSlot.Fresh()));
        List<CandidateSpec> specs = new ArrayList<>();
        List<CandidateResult> results = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            String id = idPrefix + i;
            specs.add(new CandidateSpec(
                    id,
                    task,
                    pass,
                    generation,
                    c.parent(),
                    slots,
                    new Hyperparameters(Map.of("mu", 0.1, "opt_lr", 0.01)),
                    c.mutations(),
                    7L * i,
                    SCORE_FACTOR,
                    c.parent().equals("root-0") ? Double.NEGATIVE_INFINITY : 0.5,
                    1,
                    InputNormalisation.SIGNED));
            double q = c.quality();
            results.add(new CandidateResult(
                    id,
                    List.of(
                            new CandidateResult.Validation(10, q - 0.1, (q - 0.1) * SCORE_FACTOR),
                            new CandidateResult.Validation(20, q, q * SCORE_FACTOR)),
                    c.improved(),
                    q,
                    q * SCORE_FACTOR,
                    c.improved() ? Map.of("head", "h".repeat(64)) : Map.of(),
                    c.improved() ? Map.of("head", 90L) : Map.of(),
                    90,
                    1234,
                    640,
                    Map.of("load", 0.5, "train", 2.0, "validate", 0.5, "write", 0.25),
                    "executor-" + i));
        }
        history.writeGeneration(() -> {}, specs, results);
    }

    private static Map<String, Task> tasks(Task... tasks) {
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Task task : tasks) {
            byName.put(task.name(), task);
        }
        return byName;
    }
}
