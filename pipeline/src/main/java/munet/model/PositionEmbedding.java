package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.system.ComponentKind;
import munet.system.ComponentNames;

/** Adds a learned embedding to every token; row 0 belongs to the class token, the rest to the patch grid. */
public final class PositionEmbedding extends ComponentBlock {
    static final String EMBEDDING = "embedding";
    private final int tokens;
    private final int hidden;

    /** {@code shape} = [tokens, hidden], tokens = grid side squared + 1. */
    public PositionEmbedding(List<Integer> shape) {
        super(ComponentNames.POSITION_EMBEDDING, ComponentKind.POSITION_EMBEDDING, shape);
        tokens = shape.get(0);
        hidden = shape.get(1);
        gridSide(tokens);
        declare(EMBEDDING, tokens, hidden);
    }

    @Override
    public NDArray apply(NDArray input) {
        return input.add(value(EMBEDDING));
    }

    @Override
    protected Shape outputShape(Shape input) {
        return input;
    }

    @Override
    protected SortedMap<String, Tensor> initialTensors(Random random) {
        return new TreeMap<>(java.util.Map.of(EMBEDDING, RandomTensors.normal(random, 0.02, tokens, hidden)));
    }

    /**
     * An embedding of shape [tokens, hidden] for another grid: the class-token row is kept as it
     * is, the patch rows are bilinearly interpolated (half-pixel centres) on the 2-D grid.
     */
    public static Tensor resample(Tensor source, int targetTokens) {
        long[] shape = source.shape();
        int from = gridSide((int) shape[0]);
        int to = gridSide(targetTokens);
        int hidden = (int) shape[1];
        float[] in = source.data();
        float[] out = new float[targetTokens * hidden];
        System.arraycopy(in, 0, out, 0, hidden);
        double scale = (double) from / to;
        for (int y = 0; y < to; y++) {
            double sy = Math.min(Math.max((y + 0.5) * scale - 0.5, 0), from - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, from - 1);
            double wy = sy - y0;
            for (int x = 0; x < to; x++) {
                double sx = Math.min(Math.max((x + 0.5) * scale - 0.5, 0), from - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, from - 1);
                double wx = sx - x0;
                int target = (1 + y * to + x) * hidden;
                for (int c = 0; c < hidden; c++) {
                    double top = in[row(y0, x0, from, hidden) + c] * (1 - wx) + in[row(y0, x1, from, hidden) + c] * wx;
                    double bottom =
                            in[row(y1, x0, from, hidden) + c] * (1 - wx) + in[row(y1, x1, from, hidden) + c] * wx;
                    out[target + c] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
        }
        return new Tensor(new long[] {targetTokens, hidden}, out);
    }

    private static int row(int y, int x, int side, int hidden) {
        return (1 + y * side + x) * hidden;
    }

    private static int gridSide(int tokens) {
        int side = (int) Math.round(Math.sqrt(tokens - 1));
        if (tokens < 2 || side * side != tokens - 1) {
            throw new IllegalArgumentException(
                    "a position embedding needs 1 + a square number of tokens, got " + tokens);
        }
        return side;
    }
}
