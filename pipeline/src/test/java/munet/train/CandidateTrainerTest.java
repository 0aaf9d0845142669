package munet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.evolution.TestResult;
import munet.model.ComponentState;
import munet.model.FrozenComponentCache;
import munet.store.InMemoryBlobs;
import org.junit.jupiter.api.Test;

class CandidateTrainerTest {
    private final StripeImages stripes = new StripeImages(4, 16, 96, 5);
    private final InMemoryBlobs blobs = new InMemoryBlobs();
    private final FrozenComponentCache cache = new FrozenComponentCache(1L << 30);

    @Test
    void tinyVitLearnsTheStripeTask() throws Exception {
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(30), blobs, stripes, cache, "test");
        CandidateResult result = trainer.train(EngineFixtures.spec("fresh", EngineFixtures.freshSlots(), 11));
        assertTrue(result.improved());
        assertTrue(result.bestQuality() >= 0.9, "validation accuracy " + result.validations());
        assertEquals(EngineFixtures.names().size(), result.newComponentIds().size());
        assertEquals(result.trainableParams(), result.totalParams());
        assertEquals(2L * 30 * 16, result.imagesTrained());
        assertTrue(result.seconds().keySet().containsAll(List.of("load", "train", "validate", "write")));
        for (String id : result.newComponentIds().values()) {
            ComponentState state = ComponentState.decode(blobs.read(id), id);
            assertEquals(state.parameters().keySet(), state.momentum().keySet());
        }
    }

    @Test
    void frozenComponentsStayBitIdenticalAndOnlyTrainableOnesAreWritten() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        List<String> top = List.of("encoderblock_1", "final_norm", "head");
        CandidateSpec spec = EngineFixtures.spec("top", EngineFixtures.slots(root, top), 4);
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(5), blobs, stripes, cache, "test");
        CandidateResult result = trainer.train(spec);
        assertEquals(java.util.Set.copyOf(top), result.newComponentIds().keySet());
        assertTrue(result.trainableParams() < result.totalParams());
        try (var model = munet.model.PathModel.load(EngineFixtures.slots(root, List.of()), 0, blobs, cache)) {
            for (var block : model.blocks()) {
                ComponentState stored = ComponentState.decode(blobs.read(root.get(block.componentName())), "root");
                assertEquals(stored.parameters(), block.tensors(), block.componentName());
                block.arrays().values().forEach(array -> assertFalse(array.hasGradient(), block.componentName()));
            }
        }
        String trainedHead = result.newComponentIds().get("head");
        assertNotEquals(root.get("head"), trainedHead);
    }

    @Test
    void sameSpecAndSeedGiveTheSameBlobs() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        CandidateSpec spec =
                EngineFixtures.spec("again", EngineFixtures.slots(root, List.of("encoderblock_1", "head")), 9);
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(4), blobs, stripes, cache, "test");
        CandidateResult first = trainer.train(spec);
        CandidateResult second = trainer.train(spec);
        assertEquals(first.newComponentIds(), second.newComponentIds());
        assertEquals(first.validations(), second.validations());
    }

    @Test
    void concurrentCandidatesOnASharedFrozenBlockMatchSequentialRuns() throws Exception {
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 3);
        List<ComponentSlot> slots = EngineFixtures.slots(root, List.of("encoderblock_1", "final_norm", "head"));
        List<CandidateSpec> specs = List.of(EngineFixtures.spec("a", slots, 21), EngineFixtures.spec("b", slots, 22));
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(4), blobs, stripes, cache, "test");
        List<CandidateResult> sequential = List.of(trainer.train(specs.get(0)), trainer.train(specs.get(1)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<CandidateResult>> futures =
                    specs.stream().map(s -> pool.submit(() -> trainer.train(s))).toList();
            for (int i = 0; i < specs.size(); i++) {
                CandidateResult concurrent = futures.get(i).get();
                assertEquals(sequential.get(i).newComponentIds(), concurrent.newComponentIds());
                assertEquals(sequential.get(i).validations(), concurrent.validations());
            }
        } finally {
            pool.shutdown();
        }
        assertNotEquals(sequential.get(0).newComponentIds(), sequential.get(1).newComponentIds());
    }

    @Test
    void clonesInheritMomentumAndTestsDigestPredictions() throws Exception {
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(4), blobs, stripes, cache, "test");
        CandidateResult trained = trainer.train(EngineFixtures.spec("fresh", EngineFixtures.freshSlots(), 2));
        String headId = trained.newComponentIds().get("head");
        ComponentState head = ComponentState.decode(blobs.read(headId), headId);
        List<ComponentSlot> cloned = EngineFixtures.slots(trained.newComponentIds(), List.of("head"));
        try (var model = munet.model.PathModel.load(cloned, 0, blobs, cache)) {
            var momentum =
                    model.trainables().get(0).momentum().get("dense.weight").toFloatArray();
            assertArrayEquals(head.momentum().get("dense.weight").data(), momentum);
            assertTrue(momentum[0] != 0 || momentum[1] != 0);
        }
        CandidateSpec path = EngineFixtures.spec("path", EngineFixtures.slots(trained.newComponentIds(), List.of()), 0);
        TestResult first = trainer.test(path);
        TestResult second = trainer.test(path);
        assertEquals(96, first.examples());
        assertEquals(first, second);
        assertEquals(64, first.predictionsDigest().length());
    }

    @Test
    void rejectsAHeadWithTheWrongNumberOfClasses() {
        List<ComponentSlot> slots = new java.util.ArrayList<>(EngineFixtures.freshSlots());
        slots.set(
                slots.size() - 1,
                new ComponentSlot("head", munet.system.ComponentKind.HEAD, List.of(16, 3), new ComponentSlot.Fresh()));
        CandidateTrainer trainer = new CandidateTrainer(EngineFixtures.config(1), blobs, stripes, cache, "test");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> trainer.train(EngineFixtures.spec("bad", slots, 1)));
        assertEquals("candidate bad has a head for 3 classes but task stripes has 4", e.getMessage());
    }
}
