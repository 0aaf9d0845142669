package munet.checkpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import munet.model.Tensor;
import munet.system.ComponentNames;
import munet.system.InputNormalisation;
import munet.system.VitArchitecture;

/**
 * The vit_jax / augreg {@code .npz} layout, the checkpoints the µ2Net reference starts from.
 * There is no config: every dimension comes from a tensor's shape (heads from the query kernel,
 * width x heads x head-dim), and the input is [-1, 1], as vit_jax always feeds it.
 */
final class VitJaxLayout {
    private static final String ENCODER = "Transformer/encoderblock_";
    private static final String ATTENTION = "/MultiHeadDotProductAttention_1/";
    private static final List<String> PROJECTIONS = List.of("query", "key", "value");

    private VitJaxLayout() {}

    static LayoutMapping mapping(VitArchitecture a, int depth, int tokens, int classes) {
        long h = a.hiddenSize();
        long m = a.mlpDim();
        long p = a.patchSize();
        long heads = a.numHeads();
        long headDim = h / heads;
        LayoutMapping layout = new LayoutMapping();
        layout.add(
                ComponentNames.PATCH_EMBEDDING,
                "conv.weight",
                new long[] {h, a.channels(), p, p},
                "embedding/kernel",
                new long[] {p, p, a.channels(), h},
                TensorConversion.HWIO);
        layout.add(
                ComponentNames.PATCH_EMBEDDING,
                "conv.bias",
                new long[] {h},
                "embedding/bias",
                new long[] {h},
                TensorConversion.RESHAPE);
        layout.add(
                ComponentNames.CLASS_TOKEN,
                "token",
                new long[] {h},
                "cls",
                new long[] {1, 1, h},
                TensorConversion.RESHAPE);
        layout.add(
                ComponentNames.POSITION_EMBEDDING,
                "embedding",
                new long[] {tokens, h},
                "Transformer/posembed_input/pos_embedding",
                new long[] {1, tokens, h},
                TensorConversion.RESHAPE);
        for (int i = 0; i < depth; i++) {
            String block = ComponentNames.encoderBlock(i);
            String at = ENCODER + i;
            layout.norm(block, "norm1", h, at + "/LayerNorm_0/scale", at + "/LayerNorm_0/bias");
            for (String projection : PROJECTIONS) {
                dense(
                        layout,
                        block,
                        "attention." + projection,
                        at + ATTENTION + projection,
                        new long[] {h, heads, headDim},
                        new long[] {heads, headDim},
                        h,
                        h);
            }
            dense(
                    layout,
                    block,
                    "attention.output",
                    at + ATTENTION + "out",
                    new long[] {heads, headDim, h},
                    new long[] {h},
                    h,
                    h);
            layout.norm(block, "norm2", h, at + "/LayerNorm_2/scale", at + "/LayerNorm_2/bias");
            dense(layout, block, "mlp.dense1", at + "/MlpBlock_3/Dense_0", new long[] {h, m}, new long[] {m}, h, m);
            dense(layout, block, "mlp.dense2", at + "/MlpBlock_3/Dense_1", new long[] {m, h}, new long[] {h}, m, h);
        }
        layout.norm(
                ComponentNames.FINAL_NORM,
                "norm",
                h,
                "Transformer/encoder_norm/scale",
                "Transformer/encoder_norm/bias");
        if (classes > 0) {
            dense(
                    layout,
                    ComponentNames.HEAD,
                    "dense",
                    "head",
                    new long[] {h, classes},
                    new long[] {classes},
                    h,
                    classes);
        }
        return layout;
    }

    /** A flax Dense: {@code <at>/kernel} holds [in..., out...] and {@code <at>/bias} [out...]. */
    private static void dense(
            LayoutMapping layout,
            String component,
            String prefix,
            String at,
            long[] kernelShape,
            long[] biasShape,
            long in,
            long out) {
        layout.add(
                component,
                prefix + ".weight",
                new long[] {out, in},
                at + "/kernel",
                kernelShape,
                TensorConversion.TRANSPOSE);
        layout.add(component, prefix + ".bias", new long[] {out}, at + "/bias", biasShape, TensorConversion.RESHAPE);
    }

    static VitCheckpoint read(Map<String, Tensor> tensors, String source) {
        long[] embedding = LayoutMapping.shapeOf(tensors, "embedding/kernel", 4, source);
        int hidden = (int) embedding[3];
        int patch = (int) embedding[0];
        int channels = (int) embedding[2];
        int depth = 0;
        while (tensors.containsKey(ENCODER + depth + "/LayerNorm_0/scale")) {
            depth++;
        }
        if (depth == 0) {
            throw new IllegalArgumentException(
                    source + ": missing tensor " + ENCODER + "0/LayerNorm_0/scale (no encoder block)");
        }
        long[] query = LayoutMapping.shapeOf(tensors, ENCODER + "0" + ATTENTION + "query/kernel", 3, source);
        int heads = (int) query[1];
        if (query[1] * query[2] != hidden) {
            throw new IllegalArgumentException(source + ": tensor " + ENCODER + "0" + ATTENTION
                    + "query/kernel has shape " + Arrays.toString(query) + ": " + query[1] + " heads of " + query[2]
                    + " do not make the width " + hidden);
        }
        int mlp = (int) LayoutMapping.shapeOf(tensors, ENCODER + "0/MlpBlock_3/Dense_0/kernel", 2, source)[1];
        long tokens = LayoutMapping.shapeOf(tensors, "Transformer/posembed_input/pos_embedding", 3, source)[1];
        long side = Math.round(Math.sqrt(tokens - 1));
        if (tokens < 2 || side * side != tokens - 1) {
            throw new IllegalArgumentException(
                    source + ": position embedding of " + tokens + " tokens is not a square grid plus a class token");
        }
        int classes = tensors.containsKey("head/kernel")
                ? (int) LayoutMapping.shapeOf(tensors, "head/kernel", 2, source)[1]
                : 0;
        VitArchitecture architecture;
        try {
            architecture = new VitArchitecture(hidden, mlp, heads, patch, channels, InputNormalisation.SIGNED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        int imageSize = (int) side * patch;
        Map<String, SortedMap<String, Tensor>> components =
                mapping(architecture, depth, (int) tokens, classes).toSystem(tensors, source);
        return new VitCheckpoint(source, architecture, imageSize, depth, components, List.of());
    }
}
