package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.model.FrozenComponentCache;
import munet.store.InMemoryBlobs;
import munet.system.Hyperparameter;
import org.junit.jupiter.api.Test;

/** Candidates trained together, and batches drawn ahead, end exactly as candidates trained alone on the training thread. */
class SharedTrainingTest {
    private final StripeImages stripes = new StripeImages(4, 16, 96, 5);
    private final InMemoryBlobs blobs = new InMemoryBlobs();
    private final FrozenComponentCache cache = new FrozenComponentCache(1L << 30);

    @Test
    void candidatesSharingAFrozenPrefixTrainTogetherAsTheyTrainAlone() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        // the embeddings and block 0 frozen; the rest cloned, each candidate with its own learning rate
        List<String> top = List.of("encoderblock_1", "final_norm", "head");
        List<CandidateSpec> specs = new ArrayList<>();
        for (double lr : new double[] {0.01, 0.05, 0.1}) {
            CandidateSpec spec = EngineFixtures.spec("lr" + lr, EngineFixtures.slots(root, top), 8);
            specs.add(withHparams(spec, spec.hparams().with(Hyperparameter.OPT_LR, lr)));
        }
        assertEquals(4, SharedTrainingKey.of(specs.get(0)).frozenPrefix().size());
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(4), blobs, stripes, cache, "test");
        List<CandidateResult> together = trainer.trainTogether(specs);
        for (int i = 0; i < specs.size(); i++) {
            CandidateResult alone = trainer.train(specs.get(i));
            assertEquals(
                    alone.newComponentIds(),
                    together.get(i).newComponentIds(),
                    specs.get(i).candidateId());
            assertEquals(alone.validations(), together.get(i).validations());
        }
        assertNotEquals(together.get(0).newComponentIds(), together.get(1).newComponentIds());
    }

    @Test
    void drawingBatchesAheadLeavesTheTrainedBlobsUnchanged() throws Exception {
        CandidateSpec spec = EngineFixtures.spec("fresh", EngineFixtures.freshSlots(), 5);
        TrainingConfig ahead = EngineFixtures.config(6);
        assertTrue(ahead.prefetchBatches() > 0);
        TrainingConfig inline = new TrainingConfig(
                ahead.batchSize(),
                ahead.batchesBetweenValidations(),
                ahead.validationsPerTraining(),
                ahead.maxValidationExamples(),
                ahead.evalBatchSize(),
                ahead.threads(),
                ahead.frozenCacheBytes(),
                0);
        CandidateResult drawnAhead = new CandidateTrainer(ahead, blobs, stripes, cache, "test").train(spec);
        CandidateResult drawnInline = new CandidateTrainer(inline, blobs, stripes, cache, "test").train(spec);
        assertEquals(drawnInline.newComponentIds(), drawnAhead.newComponentIds());
        assertEquals(drawnInline.validations(), drawnAhead.validations());
    }

    @Test
    void candidatesWithOtherBatchesAreNotTrainedTogether() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        List<String> top = List.of("head");
        CandidateSpec a = EngineFixtures.spec("a", EngineFixtures.slots(root, top), 1);
        CandidateSpec b = EngineFixtures.spec("b", EngineFixtures.slots(root, top), 2);
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(2), blobs, stripes, cache, "test");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> trainer.trainTogether(List.of(a, b)));
        assertEquals(
                "candidate b cannot train together with a: they differ in batches or frozen prefix", e.getMessage());
        List<CandidateResult> results =
                new LocalLearner(EngineFixtures.config(2), stripes, blobs, "test").train(List.of(b, a));
        assertEquals(
                List.of("b", "a"),
                results.stream().map(CandidateResult::candidateId).toList());
    }

    @Test
    void groupsKeepCandidatesOfOneKeyTogetherAndSplitTheLargestToFillTheTasks() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        List<ComponentSlot> slots = EngineFixtures.slots(root, List.of("head"));
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            specs.add(EngineFixtures.spec("shared-" + i, slots, 1));
        }
        specs.add(EngineFixtures.spec("alone", slots, 2));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(5)), indices(specs, SharedTrainingKey.groups(specs, 1)));
        assertEquals(
                List.of(List.of(0, 1, 2), List.of(3, 4), List.of(5)),
                indices(specs, SharedTrainingKey.groups(specs, 3)));
        assertEquals(6, SharedTrainingKey.groups(specs, 10).size());
        assertEquals(List.of(), SharedTrainingKey.groups(List.of(), 4));
    }

    private static List<List<Integer>> indices(List<CandidateSpec> specs, List<List<CandidateSpec>> groups) {
        return groups.stream()
                .map(group -> group.stream().map(specs::indexOf).toList())
                .toList();
    }

    private static CandidateSpec withHparams(CandidateSpec s, munet.system.Hyperparameters h) {
        return new CandidateSpec(
                s.candidateId(),
                s.task(),
                s.pass(),
                s.generation(),
                s.parentId(),
                s.slots(),
                h,
                s.mutations(),
                s.seed(),
                s.scoreFactor(),
                s.scoreToBeat(),
                s.budgetScale(),
                s.normalisation());
    }
}
