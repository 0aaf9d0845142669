package munet.evolution;

import java.util.List;
import java.util.Set;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.VitArchitecture;

/**
 * One position of a candidate's path and where its parameters come from. Only {@link Frozen}
 * slots reuse a component as it is; every other source makes a new component that the candidate
 * trains and that is owned by the active task alone.
 */
public record ComponentSlot(String name, ComponentKind kind, List<Integer> shape, Source source)
        implements java.io.Serializable {

    public ComponentSlot {
        shape = List.copyOf(shape);
    }

    public boolean trainable() {
        return !(source instanceof Frozen);
    }

    /** The component this slot makes once its parameters are stored as blob {@code id}. */
    public Component newComponent(String id, Set<String> owners) {
        return new Component(id, name, kind, shape, VitArchitecture.paramCount(kind, shape), owners);
    }

    /** Where a slot's parameters come from. */
    public sealed interface Source extends java.io.Serializable permits Frozen, Clone, Resample, Fresh {}

    /** Shared by reference, never changed. */
    public record Frozen(String componentId) implements Source {}

    /** A trainable copy of a component's parameters and optimizer state. */
    public record Clone(String componentId) implements Source {}

    /** A trainable position embedding interpolated (2-D) from another grid size. */
    public record Resample(String componentId) implements Source {}

    /** Randomly initialised (adapters: as the identity, their output projection zero). */
    public record Fresh() implements Source {}
}
