package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Random;
import java.util.SortedMap;

/**
 * The LayerNorm and dense sublayers components are made of, named {@code <prefix>.scale/bias}
 * and {@code <prefix>.weight/bias} (weight [out, in], PyTorch's layout).
 */
final class Sublayers {
    private static final float EPSILON = 1e-6f;

    private Sublayers() {}

    static void declareNorm(ComponentBlock block, String prefix, long hidden) {
        block.declare(prefix + ".scale", hidden);
        block.declare(prefix + ".bias", hidden);
    }

    static NDArray norm(ComponentBlock block, String prefix, NDArray input) {
        long hidden = input.getShape().get(input.getShape().dimension() - 1);
        return LayerNorm.layerNorm(
                        input,
                        new Shape(hidden),
                        block.value(prefix + ".scale"),
                        block.value(prefix + ".bias"),
                        EPSILON)
                .singletonOrThrow();
    }

    static SortedMap<String, Tensor> initialNorm(String prefix, long hidden, SortedMap<String, Tensor> into) {
        into.put(prefix + ".scale", RandomTensors.ones(hidden));
        into.put(prefix + ".bias", RandomTensors.zeros(hidden));
        return into;
    }

    static void declareDense(ComponentBlock block, String prefix, long in, long out) {
        block.declare(prefix + ".weight", out, in);
        block.declare(prefix + ".bias", out);
    }

    static NDArray dense(ComponentBlock block, String prefix, NDArray input) {
        return Linear.linear(input, block.value(prefix + ".weight"), block.value(prefix + ".bias"))
                .singletonOrThrow();
    }

    /** Glorot-uniform weight, zero bias; {@code zero} makes both zero (adapters start as the identity). */
    static SortedMap<String, Tensor> initialDense(
            String prefix, long in, long out, Random random, boolean zero, SortedMap<String, Tensor> into) {
        into.put(
                prefix + ".weight",
                zero ? RandomTensors.zeros(out, in) : RandomTensors.xavier(random, in, out, out, in));
        into.put(prefix + ".bias", RandomTensors.zeros(out));
        return into;
    }
}
