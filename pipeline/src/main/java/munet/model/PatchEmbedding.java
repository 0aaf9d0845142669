package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;
import munet.system.ComponentNames;

/** Cuts [N, C, S, S] images into patches and projects each to a token: a conv with kernel = stride = patch. */
public final class PatchEmbedding extends ComponentBlock {
    private final int patch;
    private final int channels;
    private final int hidden;

    /** {@code shape} = [patch, patch, channels, hidden]. */
    public PatchEmbedding(List<Integer> shape) {
        super(ComponentNames.PATCH_EMBEDDING, ComponentKind.PATCH_EMBEDDING, shape);
        patch = shape.get(0);
        channels = shape.get(2);
        hidden = shape.get(3);
        declare("conv.weight", hidden, channels, patch, patch);
        declare("conv.bias", hidden);
    }

    @Override
    public NDArray apply(NDArray images) {
        NDArray grid = Conv2d.conv2d(images, value("conv.weight"), value("conv.bias"), new Shape(patch, patch))
                .singletonOrThrow();
        long n = grid.getShape().get(0);
        long tokens = grid.getShape().get(2) * grid.getShape().get(3);
        return grid.reshape(n, hidden, tokens).transpose(0, 2, 1);
    }

    @Override
    protected Shape outputShape(Shape input) {
        long side = input.get(2) / patch;
        return new Shape(input.get(0), side * side, hidden);
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        long fanIn = (long) channels * patch * patch;
        SortedMap<String, Tensor> tensors = new TreeMap<>();
        tensors.put("conv.weight", RandomTensors.xavier(random, fanIn, hidden, hidden, channels, patch, patch));
        tensors.put("conv.bias", RandomTensors.zeros(hidden));
        return tensors;
    }
}
