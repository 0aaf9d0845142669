package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;
import munet.system.ComponentNames;

/** The task's linear classifier on the class token: [N, tokens, hidden] -> logits [N, classes]. */
public final class ClassifierHead extends ComponentBlock {
    private final int hidden;
    private final int classes;

    /** {@code shape} = [hidden, classes]. */
    public ClassifierHead(List<Integer> shape) {
        super(ComponentNames.HEAD, ComponentKind.HEAD, shape);
        hidden = shape.get(0);
        classes = shape.get(1);
        Sublayers.declareDense(this, "dense", hidden, classes);
    }

    @Override
    public NDArray apply(NDArray tokens) {
        return Sublayers.dense(this, "dense", tokens.get(":, 0, :"));
    }

    @Override
    protected Shape outputShape(Shape input) {
        return new Shape(input.get(0), classes);
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        // a zero head (as in ViT fine-tuning) starts every class at equal odds
        return Sublayers.initialDense("dense", hidden, classes, random, true, new TreeMap<>());
    }
}
