package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.TestResult;
import munet.store.InMemoryBlobs;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import org.junit.jupiter.api.Test;

class LocalLearnerTest {

    @Test
    void trainsInOrderKeepsSnapshotsOnlyAboveTheScoreToBeatAndTestsPaths() throws Exception {
        InMemoryBlobs blobs = new InMemoryBlobs();
        Map<String, String> root = EngineFixtures.writeRoot(blobs, 1);
        LocalLearner learner =
                new LocalLearner(EngineFixtures.config(3), new StripeImages(4, 16, 48, 2), blobs, "local");
        CandidateSpec beatable = EngineFixtures.spec("c0", EngineFixtures.slots(root, List.of("head")), 1);
        CandidateSpec unbeatable = new CandidateSpec(
                "c1",
                EngineFixtures.TASK,
                0,
                0,
                "root",
                beatable.slots(),
                beatable.hparams(),
                List.of(),
                2,
                0.5,
                0.75,
                1,
                InputNormalisation.SIGNED);
        int before = blobs.size();
        List<CandidateResult> results = learner.train(List.of(beatable, unbeatable));
        assertEquals(
                List.of("c0", "c1"),
                results.stream().map(CandidateResult::candidateId).toList());
        assertTrue(results.get(0).improved());
        assertEquals(
                List.of("head"), List.copyOf(results.get(0).newComponentIds().keySet()));
        // score = quality * 0.5 can never reach 0.75: no snapshot, nothing written for c1
        assertFalse(results.get(1).improved());
        assertTrue(results.get(1).newComponentIds().isEmpty());
        assertEquals(before + 1, blobs.size());
        results.get(1).validations().forEach(v -> assertEquals(v.quality() * 0.5, v.score(), 1e-12));

        // testing needs only the image size among the hyperparameters
        CandidateSpec path = new CandidateSpec(
                "p",
                EngineFixtures.TASK,
                0,
                0,
                null,
                EngineFixtures.slots(root, List.of()),
                new Hyperparameters(Map.of("ds_image_size", EngineFixtures.IMAGE)),
                List.of(),
                0,
                1.0,
                0.0,
                1,
                InputNormalisation.SIGNED);
        List<TestResult> tests = learner.test(List.of(path));
        assertEquals("stripes", tests.get(0).task());
        assertEquals(48, tests.get(0).examples());
    }
}
