package munet.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;
import munet.system.VitArchitecture;

/**
 * A component's parameters and SGD momentum buffers, as stored in its blob. Tensor names are
 * the block's stable names; momentum tensors are stored as {@code momentum/<name>}. The blob's
 * metadata records the component's name, kind and shape, so a blob is self-describing.
 */
public record ComponentState(
        String name,
        ComponentKind kind,
        List<Integer> shape,
        SortedMap<String, Tensor> parameters,
        SortedMap<String, Tensor> momentum) {
    private static final String MOMENTUM_PREFIX = "momentum/";
    private static final String FORMAT = "munet-component-v1";

    public ComponentState {
        shape = List.copyOf(shape);
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        momentum = Collections.unmodifiableSortedMap(new TreeMap<>(momentum));
        if (!momentum.isEmpty() && !momentum.keySet().equals(parameters.keySet())) {
            throw new IllegalArgumentException("component " + name + " has momentum for " + momentum.keySet()
                    + " but parameters " + parameters.keySet());
        }
    }

    public long paramCount() {
        return parameters.values().stream().mapToLong(t -> t.data().length).sum();
    }

    public byte[] encode() {
        SortedMap<String, Tensor> tensors = new TreeMap<>(parameters);
        momentum.forEach((key, tensor) -> tensors.put(MOMENTUM_PREFIX + key, tensor));
        Map<String, String> metadata = Map.of(
                "format",
                FORMAT,
                "component.name",
                name,
                "component.kind",
                kind.name(),
                "component.shape",
                shape.toString());
        return Safetensors.write(tensors, metadata);
    }

    /** Reads a blob; {@code id} names it in errors. */
    public static ComponentState decode(byte[] bytes, String id) throws IOException {
        Safetensors.Contents contents = Safetensors.read(bytes, "component blob " + id);
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new IOException(
                    "component blob " + id + " is not in format " + FORMAT + " (metadata: " + metadata + ")");
        }
        String name = metadata.get("component.name");
        ComponentKind kind;
        List<Integer> shape;
        try {
            kind = ComponentKind.valueOf(metadata.get("component.kind"));
            String text = metadata.get("component.shape");
            shape = Arrays.stream(text.substring(1, text.length() - 1).split(","))
                    .map(s -> Integer.parseInt(s.trim()))
                    .toList();
        } catch (RuntimeException e) {
            throw new IOException("component blob " + id + " has unreadable kind/shape metadata " + metadata, e);
        }
        SortedMap<String, Tensor> parameters = new TreeMap<>();
        SortedMap<String, Tensor> momentum = new TreeMap<>();
        contents.tensors().forEach((key, tensor) -> {
            if (key.startsWith(MOMENTUM_PREFIX)) {
                momentum.put(key.substring(MOMENTUM_PREFIX.length()), tensor);
            } else {
                parameters.put(key, tensor);
            }
        });
        ComponentState state = new ComponentState(name, kind, shape, parameters, momentum);
        long expected = VitArchitecture.paramCount(kind, shape);
        if (state.paramCount() != expected) {
            throw new IOException("component blob " + id + " holds " + state.paramCount() + " parameters but a " + kind
                    + " of shape " + shape + " has " + expected);
        }
        return state;
    }

    /** The state of a live block, with these momentum values. */
    public static ComponentState of(ComponentBlock block, SortedMap<String, Tensor> momentum) {
        return new ComponentState(block.componentName(), block.kind(), block.shape(), block.tensors(), momentum);
    }
}
