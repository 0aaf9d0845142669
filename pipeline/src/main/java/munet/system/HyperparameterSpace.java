package munet.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * For every hyperparameter, its ordered list of allowed values; a mutation moves a value one
 * step up or down this list, clamped at the ends. The defaults must be members of their lists.
 */
public final class HyperparameterSpace {
    private final SortedMap<String, List<Object>> allowed;
    private final Hyperparameters defaults;

    public HyperparameterSpace(Map<String, List<?>> allowed, Hyperparameters defaults) {
        TreeMap<String, List<Object>> copy = new TreeMap<>();
        allowed.forEach((key, list) -> {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("hyperparameter " + key + " has an empty list of allowed values");
            }
            List<Object> canonical = new ArrayList<>();
            list.forEach(value -> canonical.add(Hyperparameters.canonical(key, value)));
            copy.put(key, List.copyOf(canonical));
        });
        this.allowed = Collections.unmodifiableSortedMap(copy);
        this.defaults = defaults;
        for (String key : this.allowed.keySet()) {
            if (!defaults.has(key)) {
                throw new IllegalArgumentException("hyperparameter " + key + " has allowed values but no default");
            }
            if (!this.allowed.get(key).contains(defaults.get(key))) {
                throw new IllegalArgumentException("default " + defaults.get(key) + " of hyperparameter " + key
                        + " is not in its allowed values " + this.allowed.get(key));
            }
        }
    }

    public Hyperparameters defaults() {
        return defaults;
    }

    public SortedMap<String, List<Object>> allowed() {
        return allowed;
    }

    public List<Object> allowedValues(String key) {
        List<Object> values = allowed.get(key);
        if (values == null) {
            throw new IllegalArgumentException(
                    "hyperparameter " + key + " has no allowed values; known: " + allowed.keySet());
        }
        return values;
    }

    /**
     * The value one step from {@code current} in the list of {@code key} ({@code direction} +1 or
     * -1), clamped at the ends. A current value not in the list (e.g. a root's depth beyond the
     * evolvable range) moves to the nearest end.
     */
    public Object step(String key, Object current, int direction) {
        return step(allowedValues(key), current, direction);
    }

    /** The value one step from {@code current} in {@code values}, clamped at the ends, as {@link #step(String, Object, int)}. */
    public static <T> T step(List<T> values, T current, int direction) {
        int index = values.indexOf(current);
        if (index < 0) {
            return direction > 0 ? values.get(values.size() - 1) : values.get(0);
        }
        int next = Math.max(0, Math.min(values.size() - 1, index + direction));
        return values.get(next);
    }
}
