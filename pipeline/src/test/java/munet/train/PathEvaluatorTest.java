package munet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.data.LabeledImage;
import munet.evolution.ComponentSlot;
import munet.model.FrozenComponentCache;
import munet.model.PathModel;
import munet.store.InMemoryBlobs;
import munet.system.InputNormalisation;
import org.junit.jupiter.api.Test;

/**
 * The digest {@code evaluate --verify} compares: it must change whenever one prediction does;
 * and models that share a frozen prefix predict together exactly what each predicts alone.
 */
class PathEvaluatorTest {
    private static final int[] PREDICTIONS = {3, 0, 2, 2, 1, 0, 3, 1};

    @Test
    void equalPredictionsGiveEqualDigests() {
        assertEquals(PathEvaluator.digest(PREDICTIONS), PathEvaluator.digest(PREDICTIONS.clone()));
        assertEquals(64, PathEvaluator.digest(PREDICTIONS).length());
    }

    @Test
    void changingAnyOnePredictionChangesTheDigest() {
        String committed = PathEvaluator.digest(PREDICTIONS);
        for (int i = 0; i < PREDICTIONS.length; i++) {
            int[] changed = PREDICTIONS.clone();
            changed[i] = (changed[i] + 1) % 4;
            assertNotEquals(committed, PathEvaluator.digest(changed), "prediction " + i + " changed");
        }
    }

    @Test
    void orderAndCountArePartOfTheDigest() {
        String committed = PathEvaluator.digest(PREDICTIONS);
        int[] swapped = PREDICTIONS.clone();
        swapped[0] = PREDICTIONS[1];
        swapped[1] = PREDICTIONS[0];
        assertNotEquals(committed, PathEvaluator.digest(swapped), "two predictions swapped");
        assertNotEquals(committed, PathEvaluator.digest(java.util.Arrays.copyOf(PREDICTIONS, 7)), "one dropped");
        assertNotEquals(committed, PathEvaluator.digest(java.util.Arrays.copyOf(PREDICTIONS, 9)), "a 0 appended");
    }

    @Test
    void modelsSharingAFrozenPrefixPredictTogetherAsAlone() throws Exception {
        InMemoryBlobs blobs = new InMemoryBlobs();
        FrozenComponentCache cache = new FrozenComponentCache(1L << 30);
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        List<String> top = List.of("encoderblock_1", "final_norm", "head");
        List<LabeledImage> examples = new StripeImages(4, 16, 48, 5).examples("memory://stripes", "validation");
        ImagePreprocessor resize = ImagePreprocessor.resizeOnly(EngineFixtures.IMAGE, InputNormalisation.SIGNED);
        CandidateTrainer trainer =
                new CandidateTrainer(EngineFixtures.config(4), blobs, new StripeImages(4, 16, 48, 5), cache, "test");
        List<PathModel> models = new ArrayList<>();
        try {
            // two trained candidates: embeddings and block 0 the root's (a prefix of 4 blocks), the rest their own
            for (long seed : new long[] {4, 5}) {
                Map<String, String> trained = trainer.train(
                                EngineFixtures.spec("c" + seed, EngineFixtures.slots(root, top), seed))
                        .newComponentIds();
                List<ComponentSlot> slots = EngineFixtures.slots(root, List.of()).stream()
                        .map(slot -> trained.containsKey(slot.name())
                                ? new ComponentSlot(
                                        slot.name(),
                                        slot.kind(),
                                        slot.shape(),
                                        new ComponentSlot.Frozen(trained.get(slot.name())))
                                : slot)
                        .toList();
                models.add(PathModel.load(slots, 1, blobs, cache));
            }
            int[][] together = PathEvaluator.predictTogether(models, 4, examples, resize, 20);
            for (int m = 0; m < models.size(); m++) {
                assertArrayEquals(PathEvaluator.predict(models.get(m), examples, resize, 20), together[m]);
            }
            assertNotEquals(PathEvaluator.digest(together[0]), PathEvaluator.digest(together[1]));
        } finally {
            models.forEach(PathModel::close);
        }
    }
}
