package munet.system;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One layer of the pool. {@code id} is the SHA-256 of its parameter blob (content address), so
 * a component's parameters can never change under its id. {@code owners} are the tasks whose
 * paths use it ({@link Task#ROOT} for the root model's); a component is trainable for a task only
 * while that task is its sole owner.
 */
public record Component(
        String id, String name, ComponentKind kind, List<Integer> shape, long paramCount, Set<String> owners) {

    public Component {
        Objects.requireNonNull(id, "component id");
        Objects.requireNonNull(name, "component name");
        Objects.requireNonNull(kind, "component kind");
        shape = List.copyOf(shape);
        owners = Set.copyOf(owners);
        if (kind != ComponentKind.ofName(name)) {
            throw new IllegalArgumentException("component " + id + " named " + name + " cannot be of kind " + kind);
        }
    }

    public Component withOwners(Set<String> newOwners) {
        return new Component(id, name, kind, shape, paramCount, newOwners);
    }

    public boolean isTrainableFor(String task) {
        return owners.equals(Set.of(task));
    }

    /** Owners in a stable order, for output and hashing. */
    public List<String> sortedOwners() {
        return List.copyOf(new TreeSet<>(owners));
    }
}
