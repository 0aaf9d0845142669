package munet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import munet.evolution.GenerationDiagnostics;
import munet.evolution.IterationDiagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IterationHistoryTest {
    @TempDir
    Path dir;

    private static IterationDiagnostics iteration(String task, long baseVersion, double testQuality) {
        return new IterationDiagnostics(
                task,
                1,
                baseVersion,
                List.of(
                        new GenerationDiagnostics(0, 4, 0, 0, 4, 24, 9, 6400L),
                        new GenerationDiagnostics(1, 4, 3, 1, 2, 20, 11, 6400L)),
                task + "-v" + baseVersion + "-p1-g1-c2",
                2,
                3200L,
                0.8,
                testQuality);
    }

    @Test
    void iterationsAreWrittenPartitionedReadBackInVersionOrderAndARetryReplacesItsRow() throws IOException {
        IterationHistory history = StoreFixtures.store(dir, CommitStep.NONE).iterations();
        assertEquals(List.of(), history.read());
        history.write(StoreFixtures.UNFENCED, iteration("latin digits", 12, 0.7));
        history.write(StoreFixtures.UNFENCED, iteration("greek", 3, 0.75));
        history.write(StoreFixtures.UNFENCED, iteration("latin digits", 12, 0.72));

        assertEquals(List.of(iteration("greek", 3, 0.75), iteration("latin digits", 12, 0.72)), history.read());
        assertTrue(Files.exists(
                dir.resolve("history/iterations/task=latin%20digits/pass=1/version-000000000012.parquet")));
        IterationDiagnostics read = history.read().get(1);
        assertEquals(1 / 3.0, read.improvedShare());
        assertEquals(0.8 - 0.72, read.validationTestGap());
    }
}
