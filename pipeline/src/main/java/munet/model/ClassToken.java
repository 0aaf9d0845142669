package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;
import munet.system.ComponentNames;

/** Prepends the learned class token to the patch tokens. */
public final class ClassToken extends ComponentBlock {
    private final int hidden;

    /** {@code shape} = [hidden]. */
    public ClassToken(List<Integer> shape) {
        super(ComponentNames.CLASS_TOKEN, ComponentKind.CLASS_TOKEN, shape);
        hidden = shape.get(0);
        declare("token", hidden);
    }

    @Override
    public NDArray apply(NDArray tokens) {
        long n = tokens.getShape().get(0);
        NDArray token = onManagerOf(value("token").reshape(1, 1, hidden), tokens);
        return token.broadcast(new Shape(n, 1, hidden)).concat(tokens, 1);
    }

    @Override
    protected Shape outputShape(Shape input) {
        return new Shape(input.get(0), input.get(1) + 1, input.get(2));
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        return new TreeMap<>(java.util.Map.of("token", RandomTensors.zeros(hidden)));
    }
}
