package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.evolution.GenerationDiagnostics;
import munet.evolution.IterationState;
import munet.evolution.Rng;
import munet.system.Component;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterationCheckpointTest {
    @TempDir
    Path dir;

    /** The state after generation {@code generation} of a digits iteration, with {@code rng}'s state. */
    static IterationState stateAfter(SystemStore store, int generation, Rng rng) throws IOException {
        SystemState base = StoreFixtures.initial(store.blobs());
        munet.system.Path best = StoreFixtures.withBestPath(store.blobs(), base, "digits", 0.9)
                .bestPaths()
                .get("digits");
        munet.system.Path unmeasured = new munet.system.Path(
                "digits-child",
                "digits",
                best.componentIds(),
                best.componentNames(),
                best.hparams().with("opt_lr", 0.5),
                best.id(),
                Double.NaN,
                Double.NaN,
                null);
        List<Component> fresh =
                StoreFixtures.components(store.blobs(), List.of("adapter_0"), Set.of("digits"), "gen" + generation);
        return new IterationState(
                4,
                "digits",
                1,
                generation + 1,
                10,
                List.of(best, unmeasured),
                fresh,
                Map.of(best.id(), 3, "root-0", 1),
                List.of("root-0", best.id()),
                rng.state(),
                List.of(new GenerationDiagnostics(generation, 4, 2, 1, 3, 20, 12, 6400L)),
                Map.of(unmeasured.id(), 1600L));
    }

    @Test
    void savedStateLoadsBackEqualSoTheNextGenerationResumes() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        IterationCheckpoint checkpoint = new IterationCheckpoint(store.fileSystem(), store.root());
        assertTrue(checkpoint.load().isEmpty());

        Rng rng = new Rng(42);
        rng.nextLong();
        checkpoint.save(StoreFixtures.UNFENCED, stateAfter(store, 2, rng));
        IterationState afterThree = stateAfter(store, 3, rng);
        checkpoint.save(StoreFixtures.UNFENCED, afterThree);

        IterationState resumed = checkpoint.load().orElseThrow();
        assertEquals(afterThree, resumed);
        assertEquals(4, resumed.nextGeneration());
        assertEquals(rng.nextLong(), new Rng(resumed.rngState()).nextLong());
        assertEquals(1, BlobStoreTest.visibleFiles(dir.resolve("in-progress")).size());

        checkpoint.clear(StoreFixtures.UNFENCED);
        assertTrue(checkpoint.load().isEmpty());
    }

    @Test
    void damagedStateFailsNamingTheFile() throws IOException {
        SystemStore store = StoreFixtures.store(dir, CommitStep.NONE);
        IterationCheckpoint checkpoint = new IterationCheckpoint(store.fileSystem(), store.root());
        checkpoint.save(StoreFixtures.UNFENCED, stateAfter(store, 0, new Rng(1)));
        Path file = dir.resolve("in-progress/iteration-000000000001.json");
        Files.writeString(file, "{\"task\": ");
        Files.deleteIfExists(dir.resolve("in-progress/.iteration-000000000001.json.crc"));
        IOException e = assertThrows(IOException.class, checkpoint::load);
        assertTrue(e.getMessage().contains("iteration-000000000001.json"), e.getMessage());
    }
}
