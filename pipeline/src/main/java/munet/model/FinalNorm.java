package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import munet.system.ComponentKind;
import munet.system.ComponentNames;

/** The LayerNorm after the last encoder block. */
public final class FinalNorm extends ComponentBlock {
    private final int hidden;

    /** {@code shape} = [hidden]. */
    public FinalNorm(List<Integer> shape) {
        super(ComponentNames.FINAL_NORM, ComponentKind.FINAL_NORM, shape);
        hidden = shape.get(0);
        Sublayers.declareNorm(this, "norm", hidden);
    }

    @Override
    public NDArray apply(NDArray tokens) {
        return Sublayers.norm(this, "norm", tokens);
    }

    @Override
    protected Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        return Sublayers.initialNorm("norm", hidden, new java.util.TreeMap<>());
    }
}
