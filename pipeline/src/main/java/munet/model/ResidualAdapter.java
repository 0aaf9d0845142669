package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;

/** x + up(gelu(down(norm(x)))); {@code up} starts at zero so a fresh adapter is the identity. */
public final class ResidualAdapter extends ComponentBlock {
    private final int hidden;
    private final int width;

    /** {@code shape} = [hidden, adapterDim]. */
    public ResidualAdapter(String name, List<Integer> shape) {
        super(name, ComponentKind.ADAPTER, shape);
        hidden = shape.get(0);
        width = shape.get(1);
        Sublayers.declareNorm(this, "norm", hidden);
        Sublayers.declareDense(this, "down", hidden, width);
        Sublayers.declareDense(this, "up", width, hidden);
    }

    @Override
    public NDArray apply(NDArray x) {
        NDArray down = Activation.gelu(Sublayers.dense(this, "down", Sublayers.norm(this, "norm", x)));
        return x.add(Sublayers.dense(this, "up", down));
    }

    @Override
    protected Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        SortedMap<String, Tensor> tensors = new TreeMap<>();
        Sublayers.initialNorm("norm", hidden, tensors);
        Sublayers.initialDense("down", hidden, width, random, false, tensors);
        Sublayers.initialDense("up", width, hidden, random, true, tensors);
        return tensors;
    }
}
