package munet.system;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable assignment of hyperparameter values: {@code mu}, {@code num_layers},
 * {@code adapter_dim}, {@code opt_*} (optimizer) and {@code ds_*} (data) keys. Values are
 * Integer, Double, Boolean or String, exactly as they appear in the allowed-value lists of a
 * {@link HyperparameterSpace}.
 */
public final class Hyperparameters implements java.io.Serializable {
    private final SortedMap<String, Object> values;

    public Hyperparameters(Map<String, ?> values) {
        TreeMap<String, Object> copy = new TreeMap<>();
        values.forEach((key, value) -> copy.put(key, canonical(key, value)));
        this.values = Collections.unmodifiableSortedMap(copy);
    }

    /** The canonical form of a value: Long to Integer, Float to Double; other types are refused. */
    public static Object canonical(String key, Object value) {
        Objects.requireNonNull(value, "hyperparameter " + key);
        if (value instanceof Long l) {
            return Math.toIntExact(l);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Integer
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof String) {
            return value;
        }
        throw new IllegalArgumentException("hyperparameter " + key + " has unsupported type "
                + value.getClass().getSimpleName());
    }

    public SortedMap<String, Object> asMap() {
        return values;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("hyperparameter " + key + " is not set; known: " + values.keySet());
        }
        return value;
    }

    public double getDouble(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public int getInt(String key) {
        return ((Number) get(key)).intValue();
    }

    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return get(key).toString();
    }

    public boolean has(Hyperparameter h) {
        return has(h.key());
    }

    public double getDouble(Hyperparameter h) {
        return getDouble(h.key());
    }

    public int getInt(Hyperparameter h) {
        return getInt(h.key());
    }

    public boolean getBoolean(Hyperparameter h) {
        return getBoolean(h.key());
    }

    public String getString(Hyperparameter h) {
        return getString(h.key());
    }

    public Hyperparameters with(Hyperparameter h, Object value) {
        return with(h.key(), value);
    }

    public Hyperparameters with(String key, Object value) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Hyperparameters(copy);
    }

    /** These values overridden by every value of {@code other}. */
    public Hyperparameters withAll(Hyperparameters other) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.putAll(other.values);
        return new Hyperparameters(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && values.equals(h.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
