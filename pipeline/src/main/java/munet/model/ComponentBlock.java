package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;

/**
 * One path component as a DJL block. Its parameters carry stable names (e.g. {@code
 * attention.query.weight}) independent of where DJL places the block, so blobs written by one
 * path load into any other. Parameters are read directly (no ParameterStore copies), which is
 * what lets several models share one frozen block.
 */
public abstract class ComponentBlock extends AbstractBlock {
    private final String name;
    private final ComponentKind kind;
    private final List<Integer> shape;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, long[]> parameterShapes = new LinkedHashMap<>();

    protected ComponentBlock(String name, ComponentKind kind, List<Integer> shape) {
        this.name = name;
        this.kind = kind;
        this.shape = List.copyOf(shape);
    }

    /** Declares a parameter under its stable name; subclasses call this in their constructor. */
    protected final void declare(String stableName, long... dims) {
        Parameter parameter = addParameter(Parameter.builder()
                .setName(stableName)
                .setType(Parameter.Type.WEIGHT)
                .build());
        parameters.put(stableName, parameter);
        parameterShapes.put(stableName, dims.clone());
    }

    /** The component's function on a batch; the input of every kind but the patch embedding is [N, tokens, hidden]. */
    public abstract NDArray apply(NDArray input);

    /** Output shape for an input shape (DJL's shape inference). */
    protected abstract Shape outputShape(Shape input);

    /** Freshly initialised tensors for every declared parameter. */
    protected abstract SortedMap<String, Tensor> initialTensors(Random random);

    public String componentName() {
        return name;
    }

    public ComponentKind kind() {
        return kind;
    }

    public List<Integer> shape() {
        return shape;
    }

    /** The array of a loaded parameter. */
    protected final NDArray value(String stableName) {
        return parameters.get(stableName).getArray();
    }

    public final Map<String, NDArray> arrays() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((key, parameter) -> arrays.put(key, parameter.getArray()));
        return Collections.unmodifiableMap(arrays);
    }

    public final long paramCount() {
        long count = 0;
        for (long[] dims : parameterShapes.values()) {
            count += Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        }
        return count;
    }

    /** Loads freshly initialised parameters onto {@code manager}. */
    public final void initialise(NDManager manager, Random random) {
        load(manager, initialTensors(random));
    }

    /** Loads these tensors (exactly one per declared parameter, of the declared shape) onto {@code manager}. */
    public final void load(NDManager manager, Map<String, Tensor> tensors) {
        if (!tensors.keySet().equals(parameterShapes.keySet())) {
            throw new IllegalArgumentException(
                    name + " expects tensors " + parameterShapes.keySet() + ", got " + tensors.keySet());
        }
        parameterShapes.forEach((key, dims) -> {
            Tensor tensor = tensors.get(key);
            if (!Arrays.equals(dims, tensor.shape())) {
                throw new IllegalArgumentException(name + " tensor " + key + " must have shape " + Arrays.toString(dims)
                        + ", got " + Arrays.toString(tensor.shape()));
            }
            parameters.get(key).setArray(ownedCopy(manager, tensor.data(), new Shape(dims)));
        });
    }

    /** The current parameter values, copied to the heap in stable-name order. */
    public final SortedMap<String, Tensor> tensors() {
        SortedMap<String, Tensor> copy = new TreeMap<>();
        parameters.forEach((key, parameter) -> copy.put(key, toTensor(parameter.getArray())));
        return copy;
    }

    public final long bytes() {
        return paramCount() * DataType.FLOAT32.getNumOfBytes();
    }

    /**
     * An array whose memory PyTorch owns. Arrays made from Java data wrap a direct buffer that the
     * garbage collector may free while autograd still holds a view of it.
     */
    static NDArray ownedCopy(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    static Tensor toTensor(NDArray array) {
        return new Tensor(array.getShape().getShape(), array.toFloatArray());
    }

    /**
     * A 0-d array PyTorch owns, on the batch's manager. DJL's {@code x.mul(number)} wraps the number
     * in Java memory and closes the wrapper, so the garbage collector can free the scalar autograd
     * saved for the backward pass (which then yields NaN gradients).
     */
    protected static NDArray scalar(NDArray batch, double value) {
        return batch.getManager().full(new Shape(), (float) value);
    }

    /** Re-homes an op result whose first operand was a parameter, so it never lands on the (shared) parameter manager. */
    protected static NDArray onManagerOf(NDArray result, NDArray batch) {
        result.attach(batch.getManager());
        return result;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }
}
