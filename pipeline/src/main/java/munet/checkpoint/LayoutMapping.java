package munet.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import munet.model.Tensor;

/**
 * A checkpoint layout as the list of its tensor mappings, applied in either direction. Reading
 * demands exactly the listed tensors with exactly the listed shapes: a missing, extra or
 * misshapen tensor means the file is not the model the system would compute, so it is refused.
 */
final class LayoutMapping {
    private final List<TensorMapping> mappings = new ArrayList<>();

    void add(
            String component,
            String parameter,
            long[] systemShape,
            String external,
            long[] externalShape,
            TensorConversion conversion) {
        mappings.add(new TensorMapping(component, parameter, systemShape, external, externalShape, conversion));
    }

    /** A LayerNorm: the system's {@code <prefix>.scale/bias}, the checkpoint's {@code scale} and {@code bias} names. */
    void norm(String component, String prefix, long hidden, String externalScale, String externalBias) {
        add(
                component,
                prefix + ".scale",
                new long[] {hidden},
                externalScale,
                new long[] {hidden},
                TensorConversion.RESHAPE);
        add(
                component,
                prefix + ".bias",
                new long[] {hidden},
                externalBias,
                new long[] {hidden},
                TensorConversion.RESHAPE);
    }

    /** The system's components (name to parameters, in mapping order) from a checkpoint's tensors. */
    Map<String, SortedMap<String, Tensor>> toSystem(Map<String, Tensor> tensors, String source) {
        List<String> missing = new ArrayList<>();
        for (TensorMapping mapping : mappings) {
            if (!tensors.containsKey(mapping.external())) {
                missing.add(mapping.external());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": missing tensor" + (missing.size() > 1 ? "s " : " ") + shortList(missing));
        }
        TreeSet<String> unexpected = new TreeSet<>(tensors.keySet());
        mappings.forEach(mapping -> unexpected.remove(mapping.external()));
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(
                    source + ": unexpected tensor" + (unexpected.size() > 1 ? "s " : " ")
                            + shortList(new ArrayList<>(unexpected))
                            + "; the system runs a plain pre-LayerNorm ViT (class token, head on"
                            + " the class token, no layer scale, register tokens or extra norms) and refuses what it would not compute");
        }
        Map<String, SortedMap<String, Tensor>> components = new LinkedHashMap<>();
        for (TensorMapping mapping : mappings) {
            Tensor tensor = tensors.get(mapping.external());
            if (!Arrays.equals(tensor.shape(), mapping.externalShape())) {
                throw new IllegalArgumentException(source + ": tensor " + mapping.external() + " has shape "
                        + Arrays.toString(tensor.shape()) + ", expected " + Arrays.toString(mapping.externalShape())
                        + " for the architecture the checkpoint declares");
            }
            components
                    .computeIfAbsent(mapping.component(), c -> new TreeMap<>())
                    .put(mapping.parameter(), mapping.conversion().toSystem(tensor, mapping.systemShape()));
        }
        return components;
    }

    /** The checkpoint's tensors from the system's components. */
    SortedMap<String, Tensor> toExternal(Map<String, ? extends Map<String, Tensor>> components) {
        SortedMap<String, Tensor> tensors = new TreeMap<>();
        for (TensorMapping mapping : mappings) {
            Map<String, Tensor> parameters = components.get(mapping.component());
            Tensor tensor = parameters == null ? null : parameters.get(mapping.parameter());
            if (tensor == null) {
                throw new IllegalArgumentException(
                        "component " + mapping.component() + " has no parameter " + mapping.parameter());
            }
            tensors.put(mapping.external(), mapping.conversion().toExternal(tensor, mapping.externalShape()));
        }
        return tensors;
    }

    /** The shape of tensor {@code name}, which the architecture is read from; fails if it is missing or of another rank. */
    static long[] shapeOf(Map<String, Tensor> tensors, String name, int rank, String source) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException(source + ": missing tensor " + name);
        }
        if (tensor.shape().length != rank) {
            throw new IllegalArgumentException(source + ": tensor " + name + " has shape "
                    + Arrays.toString(tensor.shape()) + ", expected " + rank + " dimensions");
        }
        return tensor.shape();
    }

    private static String shortList(List<String> names) {
        return names.size() <= 5
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }
}
