package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import munet.evolution.IterationState;
import munet.evolution.Rng;
import munet.system.MutationProbabilities;
import munet.system.SystemState;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store files written before paths carried mutation probabilities and iterations kept diagnostics still load. */
class OlderStoreFilesTest {
    @TempDir
    java.nio.file.Path dir;

    /** {@code schema} as it was: without its last column, the mutation probabilities. */
    private static MessageType before(MessageType schema) {
        assertEquals(
                "mutation_probabilities",
                schema.getFields().get(schema.getFieldCount() - 1).getName());
        return new MessageType(schema.getName(), schema.getFields().subList(0, schema.getFieldCount() - 1));
    }

    /** {@code row} written to a file of the old schema and read back as the readers see it. */
    private Group writtenBefore(SystemStore store, MessageType schema, Group row) throws IOException {
        Path file = new Path(store.root(), "old.parquet");
        ParquetFiles.write(store.fileSystem(), file, before(schema), List.of(row));
        return ParquetFiles.read(store.fileSystem(), file).get(0);
    }

    @Test
    void oldPathAndCandidateRowsLoadWithoutProbabilities() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        SystemState state =
                StoreFixtures.withBestPath(store.blobs(), StoreFixtures.initial(store.blobs()), "digits", 0.9);
        munet.system.Path best = state.bestPaths().get("digits");
        assertFalse(best.mutationProbabilities().isEmpty());

        Group oldPath = writtenBefore(
                store, PathRows.SCHEMA, PathRows.toRow(ParquetFiles.rows(PathRows.SCHEMA), PathRows.BEST, best, state));
        munet.system.Path loaded = PathRows.fromRow(oldPath, "old.parquet");
        assertEquals(MutationProbabilities.NONE, loaded.mutationProbabilities());
        assertEquals(best.testDigest(), loaded.testDigest(), "the committed predictions' digest is read as before");
        assertEquals(best.componentIds(), loaded.componentIds());

        Group oldCandidate = writtenBefore(
                store,
                CandidateRows.SCHEMA,
                CandidateRows.toRow(
                        ParquetFiles.rows(CandidateRows.SCHEMA),
                        CandidateHistoryTest.spec("c0", 0, "root-0", 0.5),
                        CandidateHistoryTest.result("c0", true, "e")));
        CandidateRow row = CandidateRows.fromRow(oldCandidate, "old.parquet");
        assertEquals(MutationProbabilities.NONE, row.mutationProbabilities());
        assertEquals(CandidateHistoryTest.result("c0", true, "e"), row.result());
    }

    @Test
    void anInProgressIterationSavedBeforeLoadsWithoutProbabilitiesOrDiagnostics() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        IterationCheckpoint checkpoint = new IterationCheckpoint(store.fileSystem(), store.root());
        IterationState state = IterationCheckpointTest.stateAfter(store, 1, new Rng(3));
        checkpoint.save(StoreFixtures.UNFENCED, state);
        java.nio.file.Path file = dir.resolve("in-progress/iteration-000000000001.json");
        String json = Files.readString(file);
        String old = json.replaceAll(",\"mutationProbabilities\":\\{\"byAction\":\\{[^}]*\\}\\}", "")
                .replaceAll(",\"generationDiagnostics\":\\[[^\\]]*\\]", "")
                .replaceAll(",\"imagesTrained\":\\{[^}]*\\}", "");
        assertFalse(
                old.contains("mutationProbabilities")
                        || old.contains("generationDiagnostics")
                        || old.contains("imagesTrained"),
                old);
        Files.writeString(file, old);
        Files.deleteIfExists(dir.resolve("in-progress/.iteration-000000000001.json.crc"));

        IterationState loaded = checkpoint.load().orElseThrow();
        assertEquals(List.of(), loaded.generationDiagnostics());
        assertEquals(Map.of(), loaded.imagesTrained());
        assertEquals(state.population().size(), loaded.population().size());
        for (int i = 0; i < state.population().size(); i++) {
            assertEquals(MutationProbabilities.NONE, loaded.population().get(i).mutationProbabilities());
            assertEquals(
                    state.population().get(i).componentIds(),
                    loaded.population().get(i).componentIds());
        }
    }
}
