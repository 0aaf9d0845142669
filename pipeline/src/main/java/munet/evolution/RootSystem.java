package munet.evolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.system.VitArchitecture;

/**
 * The first version of a store: the root model alone, a ViT of {@code layers} encoder blocks at
 * {@code hparams}' image size, owned by {@link Task#ROOT}. {@link #slots} says what to initialise
 * (or pretrain); {@link #system} turns the stored parameters into the system to commit.
 */
public record RootSystem(VitArchitecture architecture, int layers, Hyperparameters hparams) {

    /** Every component of the root path, freshly initialised, with a head of {@code numClasses}. */
    public List<ComponentSlot> slots(int numClasses) {
        List<ComponentSlot> slots = new ArrayList<>();
        for (String name : ComponentNames.ofPath(layers, new TreeSet<>())) {
            List<Integer> shape = architecture.shapeOf(
                    name,
                    hparams.getInt(Hyperparameter.DS_IMAGE_SIZE),
                    hparams.getInt(Hyperparameter.ADAPTER_DIM),
                    numClasses);
            slots.add(new ComponentSlot(name, ComponentKind.ofName(name), shape, new ComponentSlot.Fresh()));
        }
        return slots;
    }

    /**
     * Version 1: the root path over {@code slots} whose parameters are stored under {@code ids} (by
     * slot name), with validation {@code quality} on its source task (NaN for a random root).
     */
    public SystemState system(List<ComponentSlot> slots, Map<String, String> ids, double quality) {
        Map<String, Component> components = new LinkedHashMap<>();
        List<String> componentIds = new ArrayList<>();
        for (ComponentSlot slot : slots) {
            String id = ids.get(slot.name());
            components.put(id, slot.newComponent(id, Set.of(Task.ROOT)));
            componentIds.add(id);
        }
        Path root = Path.untested(
                "root",
                Task.ROOT,
                componentIds,
                slots.stream().map(ComponentSlot::name).toList(),
                hparams,
                null,
                quality);
        return new SystemState(1, architecture, Map.of(), components, Map.of(), List.of(root));
    }
}
