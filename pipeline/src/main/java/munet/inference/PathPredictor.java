package munet.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.data.LabeledImage;
import munet.evolution.ComponentSlot;
import munet.model.ComponentBlock;
import munet.model.FrozenComponentCache;
import munet.model.TorchRuntime;
import munet.store.Blobs;
import munet.train.ImagePreprocessor;

/**
 * Runs several committed paths on the same images. The paths' components form a tree per image
 * size (paths of one size share the preprocessed input): a component sequence that several paths
 * start with (typically the frozen embeddings and lower blocks) is computed once per batch and
 * its output fed to each path's remaining components. Blocks come from the JVM's {@link
 * FrozenComponentCache}, so an executor loads each blob once whatever the number of batches.
 */
public final class PathPredictor implements AutoCloseable {
    private final FrozenComponentCache cache;
    private final List<String> leased = new ArrayList<>();
    private final Map<Integer, Node> roots = new LinkedHashMap<>();
    private final Map<Integer, ImagePreprocessor> preprocessors = new LinkedHashMap<>();
    private final List<String> keys;

    /** One component in the tree: its block, what follows it, and the paths that end with it. */
    private static final class Node {
        final ComponentBlock block;
        final Map<String, Node> children = new LinkedHashMap<>();
        final List<String> ending = new ArrayList<>();

        Node(ComponentBlock block) {
            this.block = block;
        }
    }

    /** The paths of {@code plan}; their logits are returned under the plan's keys (task names). */
    public PathPredictor(PredictionPlan plan, Blobs blobs, FrozenComponentCache cache) throws IOException {
        this.cache = cache;
        this.keys = List.copyOf(plan.paths().keySet());
        try {
            for (Map.Entry<String, PredictionPlan.PlannedPath> entry :
                    plan.paths().entrySet()) {
                int size = entry.getValue().imageSize();
                preprocessors.computeIfAbsent(size, s -> ImagePreprocessor.resizeOnly(s, plan.normalisation()));
                Node node = roots.computeIfAbsent(size, s -> new Node(null));
                for (ComponentSlot slot : entry.getValue().slots()) {
                    String id = ((ComponentSlot.Frozen) slot.source()).componentId();
                    Node parent = node;
                    node = parent.children.get(id);
                    if (node == null) {
                        node = new Node(cache.acquire(slot, id, blobs));
                        leased.add(id);
                        parent.children.put(id, node);
                    }
                }
                node.ending.add(entry.getKey());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Components computed per batch: shared prefixes count once. */
    public int componentsPerBatch() {
        return leased.size();
    }

    /**
     * The logits [image][class] of every path for {@code images}, as one batch, by key. Call
     * {@link TorchRuntime#prepareThread} on this thread first.
     */
    public Map<String, float[][]> predict(List<LabeledImage> images) {
        Map<String, float[][]> logits = new LinkedHashMap<>();
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager batch = TorchRuntime.newManager()) {
            for (Map.Entry<Integer, Node> root : roots.entrySet()) {
                ImagePreprocessor preprocessor = preprocessors.get(root.getKey());
                int values = preprocessor.valuesPerImage();
                float[] pixels = new float[images.size() * values];
                for (int i = 0; i < images.size(); i++) {
                    preprocessor.resize(images.get(i), pixels, i * values);
                }
                int size = root.getKey();
                NDArray input = batch.create(pixels, new Shape(images.size(), 3, size, size));
                descend(root.getValue(), input, logits);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        Map<String, float[][]> ordered = new LinkedHashMap<>();
        keys.forEach(key -> ordered.put(key, logits.get(key)));
        return ordered;
    }

    private static void descend(Node node, NDArray input, Map<String, float[][]> logits) {
        for (String key : node.ending) {
            logits.put(key, rows(input));
        }
        for (Node child : node.children.values()) {
            descend(child, child.block.apply(input), logits);
        }
    }

    private static float[][] rows(NDArray logits) {
        if (logits.getShape().dimension() != 2) {
            throw new IllegalStateException(
                    "a path must end in a head giving [images, classes], got " + logits.getShape());
        }
        int n = (int) logits.getShape().get(0);
        int classes = (int) logits.getShape().get(1);
        float[] flat = logits.toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
        }
        return out;
    }

    /** Releases the cached blocks; they stay cached for the next predictor while the cache has room. */
    @Override
    public void close() {
        leased.forEach(cache::release);
        leased.clear();
    }
}
