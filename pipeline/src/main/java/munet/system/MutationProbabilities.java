package munet.system;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A path's learned probability of each mutation action, by action: {@code hp:<name>} moves a
 * hyperparameter, {@code clone:<component>} clones a component instead of sharing it frozen,
 * {@code adapter+:<layer>} inserts an adapter before an encoder block. A path carries the
 * probabilities its lineage decided with, so that its children start from what served it.
 * Empty for paths that never learned any (roots, baselines, runs with one global rate).
 */
public record MutationProbabilities(SortedMap<String, Double> byAction) implements java.io.Serializable {
    public static final MutationProbabilities NONE = new MutationProbabilities(new TreeMap<>());

    private static final String HYPERPARAMETER = "hp:";
    private static final String CLONE = "clone:";
    private static final String ADAPTER_INSERTION = "adapter+:";

    public MutationProbabilities {
        TreeMap<String, Double> copy = new TreeMap<>(byAction);
        copy.forEach((action, p) -> {
            if (p == null || !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(
                        "mutation probability of " + action + " must be in [0, 1], got " + p);
            }
        });
        byAction = Collections.unmodifiableSortedMap(copy);
    }

    public static String hyperparameter(String name) {
        return HYPERPARAMETER + name;
    }

    public static String clone(String componentName) {
        return CLONE + componentName;
    }

    public static String adapterInsertion(int layer) {
        return ADAPTER_INSERTION + layer;
    }

    /** The probability of {@code action}, or {@code fallback} if the lineage never decided it. */
    public double of(String action, double fallback) {
        return byAction.getOrDefault(action, fallback);
    }

    public MutationProbabilities with(String action, double probability) {
        return edited(copy -> copy.put(action, probability));
    }

    /** These probabilities overridden by every one of {@code other}. */
    public MutationProbabilities withAll(MutationProbabilities other) {
        return edited(copy -> copy.putAll(other.byAction));
    }

    /** Only the actions whose name starts with {@code prefix}. */
    public MutationProbabilities startingWith(String prefix) {
        return edited(copy -> copy.keySet().removeIf(action -> !action.startsWith(prefix)));
    }

    private MutationProbabilities edited(Consumer<TreeMap<String, Double>> edit) {
        TreeMap<String, Double> copy = new TreeMap<>(byAction);
        edit.accept(copy);
        return new MutationProbabilities(copy);
    }

    public boolean isEmpty() {
        return byAction.isEmpty();
    }

    @Override
    public String toString() {
        return byAction.toString();
    }
}
