package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.evolution.SweepRun;
import munet.jobs.StoreSummary;
import munet.jobs.TinyRun;
import munet.store.CandidateRow;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evolve} with {@code munet.run.concurrent-tasks = 2} on real Spark and training: three
 * tasks, the first two trained at once from the initial version, the third from the first's
 * commit; each iteration commits rebased onto the newest version. Run twice on copies of one
 * initial store, it must reach the same system.
 */
class ConcurrentSweepTest {
    static final String CONCURRENT = "munet.run.concurrent-tasks = 2\n";
    private static final List<String> TASKS = List.of("t-a", "t-b", "t-c");

    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path config;
    private static Path first;
    private static Path second;

    @BeforeAll
    static void sweepTwice() throws IOException {
        run = new TinyRun(dir);
        run.generateData();
        config = run.config("sweep.conf", TASKS, CONCURRENT);
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        first = copy(run.store(), dir.resolve("first"));
        second = copy(run.store(), dir.resolve("second"));
        for (Path store : List.of(first, second)) {
            TinyRun.Result evolve = TinyRun.munet("evolve", "--config", config.toString(), "--store", store.toString());
            assertEquals(0, evolve.exitCode(), evolve.err());
        }
    }

    @Test
    void concurrentIterationsEachCommitAndLeaveTheOtherTasksBitIdentical() throws Exception {
        SystemStore store = SystemStore.open(first.toUri().toString(), new Configuration());
        assertEquals(List.of(1L, 2L, 3L, 4L), store.committedVersions(), "one commit per task iteration");
        Map<String, Set<String>> startedFrom = store.history().read().stream()
                .collect(Collectors.groupingBy(
                        CandidateRow::task,
                        Collectors.mapping(
                                row -> row.result().candidateId().split("-")[2],
                                Collectors.toCollection(TreeSet::new))));
        assertEquals(
                Map.of("t-a", Set.of("v1"), "t-b", Set.of("v1"), "t-c", Set.of("v2")),
                startedFrom,
                "t-a and t-b start from the initial version at once, t-c from t-a's commit");

        SystemState before = store.load(1);
        for (long version = 2; version <= 4; version++) {
            SystemState state = store.load(version); // hash-checks the version's tables
            store.verifyBlobs(state);
            String active = TASKS.get((int) version - 2);
            assertTrue(state.bestPaths().containsKey(active), active);
            for (var entry : before.bestPaths().entrySet()) {
                if (!entry.getKey().equals(active)) {
                    assertEquals(entry.getValue(), state.bestPaths().get(entry.getKey()), "version " + version);
                }
            }
            before = state;
        }

        TinyRun.Result evaluate =
                TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", first.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.out() + evaluate.err());
        for (String task : TASKS) {
            assertTrue(
                    evaluate.out().lines().anyMatch(l -> l.startsWith(task + " ") && l.endsWith("identical to commit")),
                    task + "'s test predictions equal those recorded at its commit:\n" + evaluate.out());
        }
        assertFalse(Files.exists(first.resolve("in-progress")), "the finished sweep leaves no in-progress state");
    }

    @Test
    void twoSweepsWithTheSameSeedAndConcurrencyReachTheSameSystem() throws Exception {
        assertEquals(TinyRun.latest(first), TinyRun.latest(second));
        assertEquals(StoreSummary.of(first.toString()), StoreSummary.of(second.toString()));
    }

    @Test
    void aSweepInProgressResumesOnlyWithItsOwnConcurrency() throws Exception {
        Path store = copy(dir.resolve("store"), dir.resolve("in-progress-k2"));
        // the sweep.json a killed job with K = 2 left; no job holds the lease now, so the write is unfenced
        SystemStore.open(store.toUri().toString(), new Configuration())
                .sweep()
                .begin(() -> {}, new SweepRun.Start(1, 2, 7));
        Map<String, String> before = TinyRun.fileHashes(store);
        Path three = run.config("sweep-k3.conf", TASKS, "munet.run.concurrent-tasks = 3\n");
        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", three.toString(), "--store", store.toString());
        assertEquals(2, evolve.exitCode(), evolve.err());
        assertTrue(
                evolve.errorLines().get(0).contains("started with munet.run.concurrent-tasks = 2"),
                evolve.errorLines().toString());
        assertEquals(before, TinyRun.fileHashes(store), "the store is untouched");
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }
}
