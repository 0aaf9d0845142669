package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.system.ComponentKind;
import munet.system.InputNormalisation;
import munet.system.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateHistoryTest {
    private static final Task DIGITS = new Task("latin digits", 10, false, "file:/data/digits");

    @TempDir
    Path dir;

    static CandidateSpec spec(String id, int generation, String parent, double scoreToBeat) {
        List<ComponentSlot> slots = List.of(
                new ComponentSlot(
                        "encoderblock_0",
                        ComponentKind.ENCODER_BLOCK,
                        List.of(8, 16, 2),
                        new ComponentSlot.Frozen("a".repeat(64))),
                new ComponentSlot("head", ComponentKind.HEAD, List.of(8, 10), new ComponentSlot.Fresh()));
        return new CandidateSpec(
                id,
                DIGITS,
                1,
                generation,
                parent,
                slots,
                StoreFixtures.hparams(0.01),
                List.of("head:fresh", "opt_lr:-1"),
                StoreFixtures.probabilities(0.1 * generation),
                99L + generation,
                0.98,
                scoreToBeat,
                1,
                InputNormalisation.SIGNED);
    }

    static CandidateResult result(String id, boolean improved, String executor) {
        return new CandidateResult(
                id,
                List.of(new CandidateResult.Validation(10, 0.5, 0.49), new CandidateResult.Validation(20, 0.75, 0.735)),
                improved,
                0.75,
                0.735,
                improved ? Map.of("head", "b".repeat(64)) : Map.of(),
                improved ? Map.of("head", 90L) : Map.of(),
                90,
                1234,
                640,
                Map.of("train", 1.5, "validate", 0.25),
                executor);
    }

    @Test
    void generationsAreWrittenPartitionedAndReadBack() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        CandidateHistory history = new CandidateHistory(store.fileSystem(), store.root());
        history.writeGeneration(
                StoreFixtures.UNFENCED,
                List.of(spec("c0", 0, "root-0", Double.NEGATIVE_INFINITY), spec("c1", 0, null, 0.3)),
                List.of(result("c1", false, "executor-2"), result("c0", true, "executor-1")));
        history.writeGeneration(
                StoreFixtures.UNFENCED,
                List.of(spec("c2", 1, "c0", 0.735)),
                List.of(result("c2", false, "executor-1")));

        List<CandidateRow> rows = history.read();
        assertEquals(
                List.of("c0", "c1", "c2"),
                rows.stream().map(CandidateRow::candidateId).toList());
        CandidateRow first = rows.get(0);
        assertEquals(result("c0", true, "executor-1"), first.result());
        assertEquals("latin digits", first.task());
        assertEquals(1, first.pass());
        assertEquals("root-0", first.parentId());
        assertEquals(List.of("head:fresh", "opt_lr:-1"), first.mutations());
        assertEquals(StoreFixtures.hparams(0.01), first.hparams());
        assertEquals(StoreFixtures.probabilities(0.0), first.mutationProbabilities());
        assertEquals(StoreFixtures.probabilities(0.1), rows.get(2).mutationProbabilities());
        assertEquals(Double.NEGATIVE_INFINITY, first.scoreToBeat());
        assertEquals(null, rows.get(1).parentId());
        assertTrue(
                Files.exists(dir.resolve("history/candidates/task=latin%20digits/pass=1/generation-000001.parquet")));
    }

    @Test
    void retriedGenerationReplacesItsRows() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        CandidateHistory history = new CandidateHistory(store.fileSystem(), store.root());
        history.writeGeneration(
                StoreFixtures.UNFENCED,
                List.of(spec("c0", 0, "root-0", 0.1)),
                List.of(result("c0", false, "lost-executor")));
        history.writeGeneration(
                StoreFixtures.UNFENCED,
                List.of(spec("c0", 0, "root-0", 0.1)),
                List.of(result("c0", true, "executor-3")));

        List<CandidateRow> rows = history.read();
        assertEquals(1, rows.size());
        assertEquals("executor-3", rows.get(0).result().executor());
    }

    @Test
    void candidateWithoutResultIsRefused() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        CandidateHistory history = new CandidateHistory(store.fileSystem(), store.root());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> history.writeGeneration(StoreFixtures.UNFENCED, List.of(spec("c7", 0, null, 0)), List.of()));
        assertTrue(e.getMessage().contains("candidate c7 has no result"), e.getMessage());
    }
}
