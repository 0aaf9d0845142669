package munet.evolution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;

/** A tiny root system and hyperparameter space for the evolution tests. */
final class Fixtures {
    static final VitArchitecture ARCH = new VitArchitecture(8, 16, 2, 4, 3);
    static final int ROOT_LAYERS = 2;
    static final int ROOT_IMAGE = 16;
    static final int ROOT_CLASSES = 5;
    static final int TASK_CLASSES = 4;

    private Fixtures() {}

    /** The space of the simulated runs, with {@code mu}'s default and allowed values given. */
    static HyperparameterSpace space(double mu, List<Double> muAllowed) {
        Map<String, List<?>> allowed = new HashMap<>();
        allowed.put("mu", muAllowed);
        allowed.put("num_layers", List.of(1, 2, 3));
        allowed.put("adapter_dim", List.of(2, 4));
        allowed.put("opt_lr", List.of(0.01, 0.02, 0.05));
        allowed.put("opt_lr_schedule", List.of("constant", "cosine", "restarts"));
        allowed.put("ds_image_size", List.of(8, 12, 16));
        allowed.put("ds_flip_left_right", List.of(false, true));
        return new HyperparameterSpace(
                allowed,
                new Hyperparameters(Map.of(
                        "mu",
                        mu,
                        "num_layers",
                        2,
                        "adapter_dim",
                        4,
                        "opt_lr",
                        0.01,
                        "opt_lr_schedule",
                        "cosine",
                        "ds_image_size",
                        16,
                        "ds_flip_left_right",
                        true)));
    }

    static HyperparameterSpace space() {
        return space(0.1, List.of(0.1, 0.2, 0.3));
    }

    static Task task(String name, boolean isPrivate) {
        return new Task(name, TASK_CLASSES, isPrivate, "memory:" + name);
    }

    static Component component(String id, String name, List<Integer> shape, Set<String> owners) {
        ComponentKind kind = ComponentKind.ofName(name);
        return new Component(id, name, kind, shape, VitArchitecture.paramCount(kind, shape), owners);
    }

    static List<Integer> shape(String name, int imageSize, int classes) {
        return ARCH.shapeOf(name, imageSize, 4, classes);
    }

    static Path rootPath() {
        List<String> names = ComponentNames.ofPath(ROOT_LAYERS, new TreeSet<>());
        return new Path(
                "root",
                Task.ROOT,
                names.stream().map(n -> "root-" + n).toList(),
                names,
                new Hyperparameters(Map.of("num_layers", ROOT_LAYERS, "ds_image_size", ROOT_IMAGE)),
                null,
                Double.NaN,
                Double.NaN,
                null);
    }

    /** Version 0: the root model alone, no task. */
    static SystemState rootSystem() {
        Map<String, Component> components = new HashMap<>();
        for (String name : rootPath().componentNames()) {
            components.put(
                    "root-" + name,
                    component("root-" + name, name, shape(name, ROOT_IMAGE, ROOT_CLASSES), Set.of(Task.ROOT)));
        }
        return new SystemState(0, ARCH, Map.of(), components, Map.of(), List.of(rootPath()));
    }

    static Path path(
            String id,
            String task,
            List<String> componentIds,
            List<String> names,
            Hyperparameters hparams,
            String parentId,
            double quality) {
        return new Path(id, task, componentIds, names, hparams, parentId, quality, Double.NaN, null);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
