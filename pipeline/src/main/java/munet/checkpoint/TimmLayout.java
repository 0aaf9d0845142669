package munet.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.model.Tensor;
import munet.system.ComponentNames;
import munet.system.InputNormalisation;
import munet.system.VitArchitecture;

/**
 * timm's {@code VisionTransformer} state dict ({@code cls_token}, {@code pos_embed}, {@code
 * patch_embed.proj.*}, {@code blocks.N.{norm1, attn.qkv, attn.proj, norm2, mlp.fc1, mlp.fc2}.*},
 * {@code norm.*}, {@code head.*}) and the {@code config.json} timm publishes beside it. timm
 * fuses the query, key and value projections into {@code attn.qkv} (rows q, then k, then v);
 * the system keeps them apart.
 */
final class TimmLayout {
    static final String CONFIG_FILE = "config.json";
    private static final String[] QKV = {"query", "key", "value"};

    private TimmLayout() {}

    static LayoutMapping mapping(VitArchitecture a, int depth, int tokens, int classes) {
        long h = a.hiddenSize();
        long m = a.mlpDim();
        long p = a.patchSize();
        LayoutMapping layout = new LayoutMapping();
        layout.add(
                ComponentNames.PATCH_EMBEDDING,
                "conv.weight",
                new long[] {h, a.channels(), p, p},
                "patch_embed.proj.weight",
                new long[] {h, a.channels(), p, p},
                TensorConversion.RESHAPE);
        layout.add(
                ComponentNames.PATCH_EMBEDDING,
                "conv.bias",
                new long[] {h},
                "patch_embed.proj.bias",
                new long[] {h},
                TensorConversion.RESHAPE);
        layout.add(
                ComponentNames.CLASS_TOKEN,
                "token",
                new long[] {h},
                "cls_token",
                new long[] {1, 1, h},
                TensorConversion.RESHAPE);
        layout.add(
                ComponentNames.POSITION_EMBEDDING,
                "embedding",
                new long[] {tokens, h},
                "pos_embed",
                new long[] {1, tokens, h},
                TensorConversion.RESHAPE);
        for (int i = 0; i < depth; i++) {
            String block = ComponentNames.encoderBlock(i);
            String at = "blocks." + i + ".";
            layout.norm(block, "norm1", h, at + "norm1.weight", at + "norm1.bias");
            for (String projection : QKV) {
                dense(
                        layout,
                        block,
                        "attention." + projection,
                        split(at, projection, "weight"),
                        split(at, projection, "bias"),
                        h,
                        h);
            }
            dense(layout, block, "attention.output", at + "attn.proj.weight", at + "attn.proj.bias", h, h);
            layout.norm(block, "norm2", h, at + "norm2.weight", at + "norm2.bias");
            dense(layout, block, "mlp.dense1", at + "mlp.fc1.weight", at + "mlp.fc1.bias", h, m);
            dense(layout, block, "mlp.dense2", at + "mlp.fc2.weight", at + "mlp.fc2.bias", m, h);
        }
        layout.norm(ComponentNames.FINAL_NORM, "norm", h, "norm.weight", "norm.bias");
        if (classes > 0) {
            dense(layout, ComponentNames.HEAD, "dense", "head.weight", "head.bias", h, classes);
        }
        return layout;
    }

    private static void dense(
            LayoutMapping layout, String component, String prefix, String weight, String bias, long in, long out) {
        layout.add(
                component,
                prefix + ".weight",
                new long[] {out, in},
                weight,
                new long[] {out, in},
                TensorConversion.RESHAPE);
        layout.add(component, prefix + ".bias", new long[] {out}, bias, new long[] {out}, TensorConversion.RESHAPE);
    }

    /** The name one third of {@code attn.qkv} goes by between {@link #splitQkv} and {@link #fuseQkv}. */
    private static String split(String at, String projection, String parameter) {
        return at + "attn.qkv." + parameter + "#" + projection;
    }

    /** Replaces each block's fused {@code attn.qkv.weight/bias} by its three thirds. */
    static Map<String, Tensor> splitQkv(Map<String, Tensor> tensors, int depth, long hidden, String source) {
        Map<String, Tensor> out = new TreeMap<>(tensors);
        for (int i = 0; i < depth; i++) {
            String at = "blocks." + i + ".";
            for (String parameter : new String[] {"weight", "bias"}) {
                String name = at + "attn.qkv." + parameter;
                Tensor fused = out.remove(name);
                if (fused == null) {
                    throw new IllegalArgumentException(source + ": missing tensor " + name);
                }
                long[] third = parameter.equals("weight") ? new long[] {hidden, hidden} : new long[] {hidden};
                long[] expected =
                        parameter.equals("weight") ? new long[] {3 * hidden, hidden} : new long[] {3 * hidden};
                if (!java.util.Arrays.equals(fused.shape(), expected)) {
                    throw new IllegalArgumentException(source + ": tensor " + name + " has shape "
                            + java.util.Arrays.toString(fused.shape()) + ", expected "
                            + java.util.Arrays.toString(expected) + " for the architecture the checkpoint declares");
                }
                int size = fused.data().length / 3;
                for (int k = 0; k < 3; k++) {
                    out.put(
                            split(at, QKV[k], parameter),
                            new Tensor(third, java.util.Arrays.copyOfRange(fused.data(), k * size, (k + 1) * size)));
                }
            }
        }
        return out;
    }

    /** The inverse of {@link #splitQkv}: rows q, k, v stacked into {@code attn.qkv}. */
    static SortedMap<String, Tensor> fuseQkv(Map<String, Tensor> tensors, int depth) {
        SortedMap<String, Tensor> out = new TreeMap<>(tensors);
        for (int i = 0; i < depth; i++) {
            String at = "blocks." + i + ".";
            for (String parameter : new String[] {"weight", "bias"}) {
                List<Tensor> thirds = new ArrayList<>();
                for (String projection : QKV) {
                    thirds.add(out.remove(split(at, projection, parameter)));
                }
                long[] shape = thirds.get(0).shape();
                shape[0] *= 3;
                int size = thirds.get(0).data().length;
                float[] data = new float[3 * size];
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(thirds.get(k).data(), 0, data, k * size, size);
                }
                out.put(at + "attn.qkv." + parameter, new Tensor(shape, data));
            }
        }
        return out;
    }

    /** The checkpoint of a timm state dict and its {@code config.json} (may be an empty object). */
    static VitCheckpoint read(Map<String, Tensor> tensors, JsonObject config, String source) {
        TimmConfig settings = TimmConfig.of(config, tensors, source);
        VitArchitecture architecture;
        try {
            architecture = new VitArchitecture(
                    settings.hidden(),
                    settings.mlp(),
                    settings.heads(),
                    settings.patch(),
                    settings.channels(),
                    settings.normalisation());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        int tokens = tokens(architecture, settings.imageSize(), source);
        Map<String, Tensor> split = splitQkv(tensors, settings.depth(), settings.hidden(), source);
        Map<String, SortedMap<String, Tensor>> components = mapping(
                        architecture, settings.depth(), tokens, settings.classes())
                .toSystem(split, source);
        return new VitCheckpoint(
                source, architecture, settings.imageSize(), settings.depth(), components, settings.labelNames());
    }

    static int tokens(VitArchitecture architecture, int imageSize, String source) {
        try {
            return architecture.tokens(imageSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The tensors of a checkpoint in this layout. */
    static SortedMap<String, Tensor> tensors(VitCheckpoint checkpoint) {
        SortedMap<String, Tensor> external = mapping(
                        checkpoint.architecture(), checkpoint.depth(), checkpoint.tokens(), checkpoint.numClasses())
                .toExternal(checkpoint.components());
        return fuseQkv(external, checkpoint.depth());
    }

    /**
     * The {@code config.json} timm's hub loader reads: {@code create_model(architecture,
     * **model_args)}; every dimension is in {@code model_args}, so the registered architecture named
     * is only the class timm instantiates (a plain ViT), its own dimensions all overridden.
     */
    static JsonObject config(VitCheckpoint checkpoint) {
        VitArchitecture a = checkpoint.architecture();
        JsonObject args = new JsonObject();
        args.addProperty("img_size", checkpoint.imageSize());
        args.addProperty("patch_size", a.patchSize());
        args.addProperty("in_chans", a.channels());
        args.addProperty("embed_dim", a.hiddenSize());
        args.addProperty("depth", checkpoint.depth());
        args.addProperty("num_heads", a.numHeads());
        args.addProperty("mlp_ratio", (double) a.mlpDim() / a.hiddenSize());
        args.addProperty("qkv_bias", true);
        args.addProperty("class_token", true);
        args.addProperty("global_pool", "token");
        JsonObject pretrained = new JsonObject();
        pretrained.add("input_size", numbers(List.of(a.channels(), checkpoint.imageSize(), checkpoint.imageSize())));
        pretrained.add("mean", numbers(a.normalisation().mean()));
        pretrained.add("std", numbers(a.normalisation().std()));
        pretrained.addProperty("interpolation", "bilinear");
        pretrained.addProperty("crop_pct", 1.0);
        pretrained.addProperty("num_classes", checkpoint.numClasses());
        JsonObject config = new JsonObject();
        config.addProperty("architecture", "vit_base_patch16_224");
        config.addProperty("num_classes", checkpoint.numClasses());
        config.addProperty("num_features", a.hiddenSize());
        config.addProperty("global_pool", "token");
        config.add("model_args", args);
        config.add("pretrained_cfg", pretrained);
        if (!checkpoint.labelNames().isEmpty()) {
            JsonArray names = new JsonArray();
            checkpoint.labelNames().forEach(names::add);
            config.add("label_names", names);
        }
        return config;
    }

    private static JsonArray numbers(List<? extends Number> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /** What {@link #read} takes from {@code config.json}, falling back to the tensors' shapes. */
    private record TimmConfig(
            int hidden,
            int mlp,
            int heads,
            int patch,
            int channels,
            int depth,
            int imageSize,
            int classes,
            InputNormalisation normalisation,
            List<String> labelNames) {

        static TimmConfig of(JsonObject config, Map<String, Tensor> tensors, String source) {
            JsonObject args = config.has("model_args") ? config.getAsJsonObject("model_args") : new JsonObject();
            refuseVariants(args, source);
            long[] patchEmbed = LayoutMapping.shapeOf(tensors, "patch_embed.proj.weight", 4, source);
            int hidden = integer(args, "embed_dim", patchEmbed[0]);
            int patch = integer(args, "patch_size", patchEmbed[2]);
            int channels = integer(args, "in_chans", patchEmbed[1]);
            int depth = integer(args, "depth", countBlocks(tensors));
            int mlp = args.has("mlp_ratio")
                    ? (int) Math.round(hidden * args.get("mlp_ratio").getAsDouble())
                    : (int) LayoutMapping.shapeOf(tensors, "blocks.0.mlp.fc1.weight", 2, source)[0];
            int imageSize =
                    args.has("img_size") ? first(args.get("img_size")) : imageSizeOf(config, tensors, patch, source);
            int classes = config.has("num_classes")
                    ? config.get("num_classes").getAsInt()
                    : tensors.containsKey("head.weight")
                            ? (int) tensors.get("head.weight").shape()[0]
                            : 0;
            int heads = args.has("num_heads") ? args.get("num_heads").getAsInt() : headsByName(config, source);
            JsonObject pretrained =
                    config.has("pretrained_cfg") ? config.getAsJsonObject("pretrained_cfg") : new JsonObject();
            // timm's ViTs default to the Inception mean and std of 0.5, the [-1, 1] the system has always used
            InputNormalisation normalisation = pretrained.has("mean") && pretrained.has("std")
                    ? new InputNormalisation(
                            doubles(pretrained.getAsJsonArray("mean")), doubles(pretrained.getAsJsonArray("std")))
                    : InputNormalisation.SIGNED;
            List<String> labels = new ArrayList<>();
            if (config.has("label_names")) {
                config.getAsJsonArray("label_names").forEach(name -> labels.add(name.getAsString()));
            }
            return new TimmConfig(
                    hidden, mlp, heads, patch, channels, depth, imageSize, classes, normalisation, labels);
        }

        private static void refuseVariants(JsonObject args, String source) {
            String refused = null;
            if (args.has("class_token") && !args.get("class_token").getAsBoolean()) {
                refused = "class_token = false";
            } else if (args.has("global_pool")
                    && !args.get("global_pool").getAsString().equals("token")) {
                refused = "global_pool = " + args.get("global_pool").getAsString();
            } else if (args.has("no_embed_class") && args.get("no_embed_class").getAsBoolean()) {
                refused = "no_embed_class = true";
            } else if (args.has("reg_tokens") && args.get("reg_tokens").getAsInt() > 0) {
                refused = "reg_tokens = " + args.get("reg_tokens").getAsInt();
            } else if (args.has("pre_norm") && args.get("pre_norm").getAsBoolean()) {
                refused = "pre_norm = true";
            }
            if (refused != null) {
                throw new IllegalArgumentException(source + ": " + CONFIG_FILE + " model_args has " + refused
                        + "; the system runs a ViT with a class token whose head reads the class token");
            }
        }

        private static int countBlocks(Map<String, Tensor> tensors) {
            int depth = 0;
            while (tensors.containsKey("blocks." + depth + ".norm1.weight")) {
                depth++;
            }
            return depth;
        }

        private static int imageSizeOf(JsonObject config, Map<String, Tensor> tensors, int patch, String source) {
            JsonObject pretrained =
                    config.has("pretrained_cfg") ? config.getAsJsonObject("pretrained_cfg") : new JsonObject();
            if (pretrained.has("input_size")) {
                return pretrained.getAsJsonArray("input_size").get(1).getAsInt();
            }
            long tokens = LayoutMapping.shapeOf(tensors, "pos_embed", 3, source)[1];
            return (int) Math.round(Math.sqrt(tokens - 1)) * patch;
        }

        /** Standard timm ViT widths by size name, for a hub config.json that names its architecture only. */
        private static int headsByName(JsonObject config, String source) {
            String name =
                    config.has("architecture") ? config.get("architecture").getAsString() : "";
            Map<String, Integer> heads =
                    Map.of("vit_tiny_", 3, "vit_small_", 6, "vit_base_", 12, "vit_large_", 16, "vit_huge_", 16);
            return heads.entrySet().stream()
                    .filter(e -> name.startsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            source + ": " + CONFIG_FILE + " gives no model_args.num_heads and its" + " architecture '"
                                    + name + "' is not a standard timm ViT size; add \"num_heads\" to model_args"));
        }

        private static int integer(JsonObject args, String key, long fallback) {
            return args.has(key) ? first(args.get(key)) : (int) fallback;
        }

        /** An int, or the first of a list such as img_size [224, 224]. */
        private static int first(JsonElement element) {
            return element.isJsonArray() ? element.getAsJsonArray().get(0).getAsInt() : element.getAsInt();
        }

        private static List<Double> doubles(JsonArray array) {
            List<Double> values = new ArrayList<>();
            array.forEach(v -> values.add(v.getAsDouble()));
            return values;
        }
    }
}
