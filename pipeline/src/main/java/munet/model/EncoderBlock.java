package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;

/** Pre-LayerNorm transformer block: x + attention(norm1(x)), then x + mlp(norm2(x)) with GELU. */
public final class EncoderBlock extends ComponentBlock {
    private static final List<String> PROJECTIONS = List.of("query", "key", "value", "output");
    private final int hidden;
    private final int mlp;
    private final int heads;

    /** {@code shape} = [hidden, mlpDim, heads]. */
    public EncoderBlock(String name, List<Integer> shape) {
        super(name, ComponentKind.ENCODER_BLOCK, shape);
        hidden = shape.get(0);
        mlp = shape.get(1);
        heads = shape.get(2);
        Sublayers.declareNorm(this, "norm1", hidden);
        PROJECTIONS.forEach(p -> Sublayers.declareDense(this, "attention." + p, hidden, hidden));
        Sublayers.declareNorm(this, "norm2", hidden);
        Sublayers.declareDense(this, "mlp.dense1", hidden, mlp);
        Sublayers.declareDense(this, "mlp.dense2", mlp, hidden);
    }

    @Override
    public NDArray apply(NDArray x) {
        NDArray attended = x.add(attention(Sublayers.norm(this, "norm1", x)));
        NDArray expanded =
                Activation.gelu(Sublayers.dense(this, "mlp.dense1", Sublayers.norm(this, "norm2", attended)));
        return attended.add(Sublayers.dense(this, "mlp.dense2", expanded));
    }

    private NDArray attention(NDArray y) {
        long n = y.getShape().get(0);
        long t = y.getShape().get(1);
        long headDim = hidden / heads;
        NDArray q = splitHeads(Sublayers.dense(this, "attention.query", y), n, t, headDim);
        NDArray k = splitHeads(Sublayers.dense(this, "attention.key", y), n, t, headDim);
        NDArray v = splitHeads(Sublayers.dense(this, "attention.value", y), n, t, headDim);
        NDArray weights = q.matMul(k.transpose(0, 1, 3, 2))
                .mul(scalar(y, 1 / Math.sqrt(headDim)))
                .softmax(-1);
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, hidden);
        return Sublayers.dense(this, "attention.output", context);
    }

    private NDArray splitHeads(NDArray projected, long n, long t, long headDim) {
        return projected.reshape(n, t, heads, headDim).transpose(0, 2, 1, 3);
    }

    @Override
    protected Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        SortedMap<String, Tensor> tensors = new TreeMap<>();
        Sublayers.initialNorm("norm1", hidden, tensors);
        PROJECTIONS.forEach(p -> Sublayers.initialDense("attention." + p, hidden, hidden, random, false, tensors));
        Sublayers.initialNorm("norm2", hidden, tensors);
        Sublayers.initialDense("mlp.dense1", hidden, mlp, random, false, tensors);
        Sublayers.initialDense("mlp.dense2", mlp, hidden, random, false, tensors);
        return tensors;
    }
}
