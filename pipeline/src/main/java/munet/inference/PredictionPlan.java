package munet.inference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.evolution.ComponentSlot;
import munet.system.Component;
import munet.system.Hyperparameter;
import munet.system.InputNormalisation;
import munet.system.Path;
import munet.system.SystemState;

/**
 * What an executor needs to predict with some committed paths, small enough to ship: the
 * system's input normalisation and, per task (in the order asked), its path's image size, frozen
 * component slots (blob ids) and class names (empty when unknown).
 */
public record PredictionPlan(long version, InputNormalisation normalisation, Map<String, PlannedPath> paths)
        implements Serializable {

    /** One task's path. */
    public record PlannedPath(int imageSize, List<ComponentSlot> slots, List<String> labelNames)
            implements Serializable {
        public PlannedPath {
            slots = List.copyOf(slots);
            labelNames = List.copyOf(labelNames);
        }

        public int numClasses() {
            return slots.get(slots.size() - 1).shape().get(1);
        }

        /** The name of class {@code label}, null when the class names are unknown. */
        public String labelName(int label) {
            return labelNames.isEmpty() ? null : labelNames.get(label);
        }
    }

    public PredictionPlan {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /**
     * Components a batch runs through: a prefix that paths of one image size share counts once
     * (what {@link PathPredictor} computes), against the sum of the paths' lengths without sharing.
     */
    public int componentsPerBatch() {
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (PlannedPath path : paths.values()) {
            StringBuilder prefix = new StringBuilder(Integer.toString(path.imageSize()));
            for (ComponentSlot slot : path.slots()) {
                prefixes.add(prefix.append('/')
                        .append(((ComponentSlot.Frozen) slot.source()).componentId())
                        .toString());
            }
        }
        return prefixes.size();
    }

    public int componentsWithoutSharing() {
        return paths.values().stream().mapToInt(p -> p.slots().size()).sum();
    }

    /** The plan of {@code paths} (by task name) of {@code system}; {@code labelNames} by task, missing ones unknown. */
    public static PredictionPlan of(SystemState system, Map<String, Path> paths, Map<String, List<String>> labelNames) {
        Map<String, PlannedPath> planned = new LinkedHashMap<>();
        paths.forEach((task, path) -> {
            List<ComponentSlot> slots = new ArrayList<>();
            for (String id : path.componentIds()) {
                Component component = system.component(id);
                slots.add(new ComponentSlot(
                        component.name(), component.kind(), component.shape(), new ComponentSlot.Frozen(id)));
            }
            List<String> names = labelNames.getOrDefault(task, List.of());
            PlannedPath plannedPath =
                    new PlannedPath(path.hparams().getInt(Hyperparameter.DS_IMAGE_SIZE), slots, names);
            if (!names.isEmpty() && names.size() != plannedPath.numClasses()) {
                throw new IllegalArgumentException("task " + task + " has " + names.size()
                        + " class names but its head has " + plannedPath.numClasses() + " classes");
            }
            planned.put(task, plannedPath);
        });
        return new PredictionPlan(system.version(), system.architecture().normalisation(), planned);
    }
}
