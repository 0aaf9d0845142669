package munet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import munet.evolution.ComponentSlot;
import munet.store.InMemoryBlobs;
import munet.system.ComponentKind;
import org.junit.jupiter.api.Test;

class SharedFrozenComponentsTest {
    private final InMemoryBlobs blobs = new InMemoryBlobs();

    private String writeBlock(String name, List<Integer> shape) throws Exception {
        try (NDManager manager = TorchRuntime.newManager()) {
            ComponentBlock block = ComponentFactory.create(name, ComponentKind.ofName(name), shape);
            block.initialise(manager, new Random(5));
            return blobs.write(ComponentState.of(block, new TreeMap<>()).encode());
        }
    }

    @Test
    void aFrozenBlockIsOneObjectSharedByEveryModelAndSurvivesTheirClose() throws Exception {
        List<Integer> shape = List.of(16, 32, 2);
        String id = writeBlock("encoderblock_0", shape);
        ComponentSlot frozen =
                new ComponentSlot("encoderblock_0", ComponentKind.ENCODER_BLOCK, shape, new ComponentSlot.Frozen(id));
        ComponentSlot cloned =
                new ComponentSlot("encoderblock_0", ComponentKind.ENCODER_BLOCK, shape, new ComponentSlot.Clone(id));
        FrozenComponentCache cache = new FrozenComponentCache(1L << 20);
        PathModel first = PathModel.load(List.of(frozen), 1, blobs, cache);
        PathModel second = PathModel.load(List.of(frozen), 2, blobs, cache);
        PathModel clone = PathModel.load(List.of(cloned), 3, blobs, cache);
        assertSame(first.blocks().get(0), second.blocks().get(0));
        assertNotSame(first.blocks().get(0), clone.blocks().get(0));
        assertEquals(1, cache.size());
        assertEquals(0, first.trainableParams());
        assertEquals(first.totalParams(), clone.trainableParams());
        assertFalse(first.blocks().get(0).arrays().get("attention.query.weight").hasGradient());
        float[] before =
                first.blocks().get(0).arrays().get("attention.query.weight").toFloatArray();
        first.close();
        clone.close();
        assertArrayEquals(
                before,
                second.blocks().get(0).arrays().get("attention.query.weight").toFloatArray());
        second.close();
    }

    @Test
    void unleasedBlocksAreEvictedBeyondTheByteBound() throws Exception {
        String a = writeBlock("final_norm", List.of(16));
        String b = writeBlock("class_token", List.of(16));
        FrozenComponentCache cache = new FrozenComponentCache(100);
        ComponentSlot slotA =
                new ComponentSlot("final_norm", ComponentKind.FINAL_NORM, List.of(16), new ComponentSlot.Frozen(a));
        ComponentSlot slotB =
                new ComponentSlot("class_token", ComponentKind.CLASS_TOKEN, List.of(16), new ComponentSlot.Frozen(b));
        try (PathModel model = PathModel.load(List.of(slotA, slotB), 0, blobs, cache)) {
            assertEquals(2, cache.size());
            assertEquals(192, cache.bytes());
        }
        // 128 + 64 bytes held; evicting the least recently used (the norm) brings it under the bound
        assertEquals(1, cache.size());
        assertEquals(64, cache.bytes());
    }

    @Test
    void aBlobOfTheWrongShapeIsRejectedNamingTheSlot() throws Exception {
        String id = writeBlock("final_norm", List.of(16));
        ComponentSlot slot =
                new ComponentSlot("final_norm", ComponentKind.FINAL_NORM, List.of(24), new ComponentSlot.Frozen(id));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PathModel.load(List.of(slot), 0, blobs, new FrozenComponentCache(1 << 20)));
        assertEquals(
                "component " + id
                        + " is a FINAL_NORM of shape [16] but slot final_norm needs a FINAL_NORM of shape [24]",
                e.getMessage());
    }

    @Test
    void aResampledPositionEmbeddingIsTrainableAndKeepsTheClassTokenRow() throws Exception {
        String id = writeBlock("position_embedding", List.of(17, 16));
        ComponentSlot slot = new ComponentSlot(
                "position_embedding",
                ComponentKind.POSITION_EMBEDDING,
                List.of(10, 16),
                new ComponentSlot.Resample(id));
        Tensor source = ComponentState.decode(blobs.read(id), id).parameters().get("embedding");
        try (PathModel model = PathModel.load(List.of(slot), 0, blobs, new FrozenComponentCache(1 << 20))) {
            float[] resampled =
                    model.trainables().get(0).block().arrays().get("embedding").toFloatArray();
            assertEquals(10 * 16, resampled.length);
            assertArrayEquals(java.util.Arrays.copyOf(source.data(), 16), java.util.Arrays.copyOf(resampled, 16));
            assertEquals(model.totalParams(), model.trainableParams());
        }
    }
}
