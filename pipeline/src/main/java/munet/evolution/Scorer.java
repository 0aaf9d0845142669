package munet.evolution;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import munet.system.Component;
import munet.system.Path;
import munet.system.Task;
import munet.system.VitArchitecture;

/**
 * The active task's score: {@code quality * base ^ (accounted / rootParams)}, where a component
 * shared by n tasks (the root does not count, the active task always does) accounts for 1/n of
 * its parameters and a component new in this iteration counts fully.
 */
public final class Scorer {
    private final double base;
    private final long rootParams;
    private final String task;

    public Scorer(double base, long rootParams, String task) {
        if (rootParams <= 0) {
            throw new IllegalArgumentException("root params must be positive, got " + rootParams);
        }
        this.base = base;
        this.rootParams = rootParams;
        this.task = task;
    }

    /** The share of a component's parameters the active task accounts for. */
    public double accounted(long params, Set<String> owners) {
        Set<String> sharers = new HashSet<>(owners);
        sharers.add(task);
        sharers.remove(Task.ROOT);
        return (double) params / sharers.size();
    }

    public double factor(double accountedParams) {
        return Math.pow(base, accountedParams / rootParams);
    }

    /** The factor of a candidate: frozen slots are shared as they are, every other slot is new. */
    public double factorOf(List<ComponentSlot> slots, Function<String, Component> components) {
        double total = 0;
        for (ComponentSlot slot : slots) {
            if (slot.source() instanceof ComponentSlot.Frozen frozen) {
                Component shared = components.apply(frozen.componentId());
                total += accounted(shared.paramCount(), shared.owners());
            } else {
                total += VitArchitecture.paramCount(slot.kind(), slot.shape());
            }
        }
        return factor(total);
    }

    /** The parameters the active task accounts for in a committed path, its components shared as they are. */
    public double accountedParams(Path path, Function<String, Component> components) {
        double total = 0;
        for (String id : path.componentIds()) {
            Component component = components.apply(id);
            total += accounted(component.paramCount(), component.owners());
        }
        return total;
    }

    public double score(Path path, Function<String, Component> components) {
        return path.quality() * factor(accountedParams(path, components));
    }
}
