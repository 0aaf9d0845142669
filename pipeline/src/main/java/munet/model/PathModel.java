package munet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import munet.evolution.ComponentSlot;
import munet.store.Blobs;

/**
 * A candidate's model: its components in path order. Frozen components are the JVM-wide shared
 * blocks of {@link FrozenComponentCache}; trainable ones (clones, resampled position embeddings,
 * fresh components) live on this model's own manager with their momentum buffers. The frozen
 * prefix below the first trainable component runs without grad, so no backward pass reaches it.
 */
public final class PathModel implements AutoCloseable {
    private final List<ComponentBlock> blocks;
    private final List<Trainable> trainables;
    private final List<String> leasedIds;
    private final FrozenComponentCache cache;
    private final NDManager manager;
    private final int firstTrainable;

    /** A trainable component, its slot and its SGD momentum buffers (by stable parameter name). */
    public record Trainable(ComponentSlot slot, ComponentBlock block, Map<String, NDArray> momentum) {

        /** Parameters and momentum copied to the heap: what the component's blob will hold. */
        public ComponentState state() {
            SortedMap<String, Tensor> buffers = new TreeMap<>();
            momentum.forEach((key, buffer) -> buffers.put(key, ComponentBlock.toTensor(buffer)));
            return ComponentState.of(block, buffers);
        }
    }

    private PathModel(
            List<ComponentBlock> blocks,
            List<Trainable> trainables,
            List<String> leasedIds,
            FrozenComponentCache cache,
            NDManager manager) {
        this.blocks = List.copyOf(blocks);
        this.trainables = List.copyOf(trainables);
        this.leasedIds = List.copyOf(leasedIds);
        this.cache = cache;
        this.manager = manager;
        int first = this.blocks.size();
        for (int i = 0; i < this.blocks.size(); i++) {
            if (!trainables.isEmpty() && this.blocks.get(i) == trainables.get(0).block()) {
                first = i;
                break;
            }
        }
        this.firstTrainable = first;
    }

    /** Builds the model of {@code slots}; {@code seed} initialises fresh components. */
    public static PathModel load(List<ComponentSlot> slots, long seed, Blobs blobs, FrozenComponentCache cache)
            throws IOException {
        NDManager manager = TorchRuntime.newManager();
        List<ComponentBlock> blocks = new ArrayList<>();
        List<Trainable> trainables = new ArrayList<>();
        List<String> leased = new ArrayList<>();
        try {
            for (ComponentSlot slot : slots) {
                if (slot.source() instanceof ComponentSlot.Frozen frozen) {
                    blocks.add(cache.acquire(slot, frozen.componentId(), blobs));
                    leased.add(frozen.componentId());
                    continue;
                }
                ComponentBlock block = ComponentFactory.create(slot.name(), slot.kind(), slot.shape());
                Map<String, Tensor> momentum = loadTrainable(slot, block, seed, blobs, manager);
                Map<String, NDArray> buffers = new LinkedHashMap<>();
                block.arrays().forEach((key, array) -> {
                    array.setRequiresGradient(true);
                    buffers.put(
                            key,
                            momentum.containsKey(key)
                                    ? manager.create(momentum.get(key).data(), array.getShape())
                                    : manager.zeros(array.getShape()));
                });
                blocks.add(block);
                trainables.add(new Trainable(slot, block, Collections.unmodifiableMap(buffers)));
            }
        } catch (IOException | RuntimeException e) {
            leased.forEach(cache::release);
            manager.close();
            throw e;
        }
        return new PathModel(blocks, trainables, leased, cache, manager);
    }

    /** Fills a trainable block; returns the momentum it inherits (empty: start at zero). */
    private static Map<String, Tensor> loadTrainable(
            ComponentSlot slot, ComponentBlock block, long seed, Blobs blobs, NDManager manager) throws IOException {
        if (slot.source() instanceof ComponentSlot.Clone clone) {
            ComponentState state = ComponentState.decode(blobs.read(clone.componentId()), clone.componentId());
            checkMatches(slot, state, clone.componentId());
            block.load(manager, state.parameters());
            return state.momentum();
        }
        if (slot.source() instanceof ComponentSlot.Resample resample) {
            ComponentState state = ComponentState.decode(blobs.read(resample.componentId()), resample.componentId());
            if (state.kind() != slot.kind()
                    || !state.shape().get(1).equals(slot.shape().get(1))) {
                throw new IllegalArgumentException("cannot resample component " + resample.componentId() + " ("
                        + state.kind() + " " + state.shape() + ") into slot " + slot.name() + " " + slot.shape());
            }
            Tensor source = state.parameters().get(PositionEmbedding.EMBEDDING);
            block.load(
                    manager,
                    Map.of(
                            PositionEmbedding.EMBEDDING,
                            PositionEmbedding.resample(source, slot.shape().get(0))));
            return Map.of();
        }
        block.initialise(manager, new Random(Objects.hash(seed, slot.name())));
        return Map.of();
    }

    static void checkMatches(ComponentSlot slot, ComponentState state, String id) {
        if (state.kind() != slot.kind() || !state.shape().equals(slot.shape())) {
            throw new IllegalArgumentException(
                    "component " + id + " is a " + state.kind() + " of shape " + state.shape() + " but slot "
                            + slot.name() + " needs a " + slot.kind() + " of shape " + slot.shape());
        }
    }

    static void checkMatches(ComponentSlot slot, ComponentBlock block, String id) {
        if (block.kind() != slot.kind() || !block.shape().equals(slot.shape())) {
            throw new IllegalArgumentException(
                    "component " + id + " is a " + block.kind() + " of shape " + block.shape() + " but slot "
                            + slot.name() + " needs a " + slot.kind() + " of shape " + slot.shape());
        }
    }

    /**
     * Logits [N, classes] for images [N, C, S, S]. With grad mode on, only the components from the
     * first trainable one upwards record the graph.
     */
    public NDArray forward(NDArray images) {
        return forward(images, 0);
    }

    /** Logits for {@code input}, the output of this model's first {@code from} blocks (e.g. a shared {@link #frozenPrefix}). */
    public NDArray forward(NDArray input, int from) {
        return apply(input, from, blocks.size());
    }

    /**
     * The output of the first {@code count} blocks, all frozen, without grad: computed once, it
     * feeds every model that starts with the same frozen components.
     */
    public NDArray frozenPrefix(NDArray images, int count) {
        if (count > firstTrainable) {
            throw new IllegalArgumentException(
                    "a frozen prefix of " + count + " blocks reaches past the first trainable block " + firstTrainable);
        }
        return apply(images, 0, count);
    }

    /** Blocks {@code from} to {@code to} (exclusive); with grad mode on, only those from the first trainable one record the graph. */
    private NDArray apply(NDArray input, int from, int to) {
        boolean grad = JniUtils.isGradMode();
        NDArray x = input;
        try {
            JniUtils.setGradMode(false);
            for (int i = from; i < to; i++) {
                if (i == firstTrainable && grad) {
                    JniUtils.setGradMode(true);
                }
                x = blocks.get(i).apply(x);
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return x;
    }

    public List<ComponentBlock> blocks() {
        return blocks;
    }

    public List<Trainable> trainables() {
        return trainables;
    }

    public long totalParams() {
        return blocks.stream().mapToLong(ComponentBlock::paramCount).sum();
    }

    public long trainableParams() {
        return trainables.stream().mapToLong(t -> t.block().paramCount()).sum();
    }

    /** Releases the shared frozen blocks and frees this model's own arrays. */
    @Override
    public void close() {
        leasedIds.forEach(cache::release);
        manager.close();
    }
}
