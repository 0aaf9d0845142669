package munet.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;
import org.apache.hadoop.conf.Configuration;

/** A tiny hand-built system: a root path and two tasks sharing the root's frozen components. */
final class StoreFixtures {
    /** The fence of a test that writes in-progress state without a lease. */
    static final LeaseFence UNFENCED = () -> {};

    static final VitArchitecture ARCH = new VitArchitecture(8, 16, 2, 4, 3);

    private StoreFixtures() {}

    static SystemStore store(java.nio.file.Path dir, CommitStep steps) throws IOException {
        SystemStore opened = SystemStore.open(dir.toUri().toString(), new Configuration());
        return new SystemStore(opened.fileSystem(), opened.root(), steps);
    }

    static Hyperparameters hparams(double lr) {
        return new Hyperparameters(Map.of(
                "num_layers", 1, "opt_lr", lr, "ds_image_size", 8, "ds_flip", true, "opt_name", "adam", "mu", 0.1));
    }

    /** Learned mutation probabilities, different for every {@code salt}. */
    static MutationProbabilities probabilities(double salt) {
        return new MutationProbabilities(new TreeMap<>(Map.of(
                MutationProbabilities.clone("encoderblock_0"),
                0.12,
                MutationProbabilities.hyperparameter("opt_lr"),
                salt,
                MutationProbabilities.adapterInsertion(0),
                0.02)));
    }

    /** Components named in path order, one blob each (owned by {@code owners}). */
    static List<Component> components(Blobs blobs, List<String> names, Set<String> owners, String salt)
            throws IOException {
        List<Component> components = new ArrayList<>();
        for (String name : names) {
            String id = blobs.write((salt + "/" + name).getBytes(StandardCharsets.UTF_8));
            ComponentKind kind = ComponentKind.ofName(name);
            List<Integer> shape = ARCH.shapeOf(name, 8, 4, 3);
            components.add(new Component(id, name, kind, shape, VitArchitecture.paramCount(kind, shape), owners));
        }
        return components;
    }

    /** Version 0 (to be committed): root path only, two registered tasks without paths. */
    static SystemState initial(Blobs blobs) throws IOException {
        List<String> names = ComponentNames.ofPath(1, new TreeSet<>());
        List<Component> root = components(blobs, names, Set.of(Task.ROOT), "root");
        Map<String, Component> pool = new LinkedHashMap<>();
        root.forEach(c -> pool.put(c.id(), c));
        Path rootPath = new Path("root-0", Task.ROOT, ids(root), names, hparams(0.01), null, 0.5, Double.NaN, null);
        Map<String, Task> tasks = new LinkedHashMap<>();
        tasks.put("digits", new Task("digits", 10, false, "file:/data/digits"));
        tasks.put("bengali", new Task("bengali", 10, true, "file:/data/bengali"));
        return new SystemState(1, ARCH, tasks, pool, Map.of(), List.of(rootPath));
    }

    /** {@code base} plus a best path for {@code task} sharing all root components but a new head. */
    static SystemState withBestPath(Blobs blobs, SystemState base, String task, double quality) throws IOException {
        Path root = base.rootPaths().get(0);
        Component head = components(blobs, List.of(ComponentNames.HEAD), Set.of(task), task + quality)
                .get(0);
        Map<String, Component> pool = new LinkedHashMap<>(base.components());
        List<String> ids = new ArrayList<>(root.componentIds());
        for (String id : ids.subList(0, ids.size() - 1)) {
            Component shared = pool.get(id);
            Set<String> owners = new TreeSet<>(shared.owners());
            owners.add(task);
            pool.put(id, shared.withOwners(owners));
        }
        ids.set(ids.size() - 1, head.id());
        pool.put(head.id(), head);
        Path best = new Path(
                task + "-" + quality,
                task,
                ids,
                root.componentNames(),
                hparams(0.001 * quality),
                root.id(),
                quality,
                quality - 0.01,
                "sha256:" + task,
                probabilities(quality));
        Map<String, Path> bestPaths = new LinkedHashMap<>(base.bestPaths());
        bestPaths.put(task, best);
        return new SystemState(base.version() + 1, ARCH, base.tasks(), pool, bestPaths, base.rootPaths());
    }

    /** Every file under {@code dir} (relative path) with the SHA-256 of its bytes. */
    static Map<String, String> fileHashes(java.nio.file.Path dir) throws IOException {
        Map<String, String> hashes = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file :
                    files.filter(java.nio.file.Files::isRegularFile).toList()) {
                hashes.put(dir.relativize(file).toString(), BlobStore.idOf(java.nio.file.Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    static List<String> ids(List<Component> components) {
        return components.stream().map(Component::id).toList();
    }

    /** {@code state} renumbered: commits take the version a state carries as the one they write. */
    static SystemState withVersion(SystemState state, long version) {
        return new SystemState(
                version, state.architecture(), state.tasks(), state.components(), state.bestPaths(), state.rootPaths());
    }
}
