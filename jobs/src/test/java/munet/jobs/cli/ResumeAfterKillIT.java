package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.jobs.MunetProcess;
import munet.jobs.PausePoint;
import munet.jobs.TinyRun;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evolve} killed outright (SIGKILL) in the middle of a generation, and separately in the
 * middle of a commit, then rerun with the same command: it continues where it stopped, trains
 * only what had not finished, and ends at the very system an uninterrupted run reaches.
 * {@link PausePoint} stops the job at the exact point, so the kill needs no guessed sleep.
 */
class ResumeAfterKillIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final Pattern TRAINED = Pattern.compile("CandidateTrainer: candidate (\\S+) of task");
    static final Pattern REUSED = Pattern.compile("candidate (\\S+) finished before the job was restarted");
    private static final Pattern RECORDED = Pattern.compile("(.+)-[0-9a-f]{16}\\.json");

    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path config;
    private static SystemState uninterrupted;

    /** Two tasks of two generations each; the uninterrupted run from the same initial store is the reference. */
    @BeforeAll
    static void runUninterrupted() throws Exception {
        run = new TinyRun(dir);
        run.generateData();
        config = run.config("two-tasks.conf", List.of("t-a", "t-b"), "");
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        Path reference = copyOfInitialStore("reference");
        try (MunetProcess evolve = MunetProcess.start(dir, "reference", List.of(), evolveArgs(reference))) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
        }
        uninterrupted = TinyRun.latest(reference);
        assertEquals(Set.of("t-a", "t-b"), uninterrupted.bestPaths().keySet());
    }

    @Test
    void killedDuringAGenerationRetrainsOnlyItsUnfinishedCandidates() throws Exception {
        Path store = copyOfInitialStore("killed-in-generation");
        // candidates 1 and 2 are t-a's first generation; the 3rd finishes inside its second
        try (MunetProcess evolve = MunetProcess.start(
                dir, "killed-in-generation", List.of("-D" + PausePoint.PROPERTY + "=candidate:3"), evolveArgs(store))) {
            evolve.awaitStderrLine(PausePoint.MARKER + "candidate:3", TIMEOUT);
            evolve.kill();
        }
        Set<String> recorded = recordedCandidates(store);
        Set<String> recordedInSecondGeneration = recorded.stream()
                .filter(id -> id.startsWith("t-a-") && id.contains("-g1-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(recordedInSecondGeneration.isEmpty(), "recorded before the kill: " + recorded);
        assertEquals(1, latestVersion(store), "nothing committed yet");

        String log = rerunToTheEnd(store, "resumed-generation");
        assertTrue(log.contains("resuming task t-a pass 1 at generation 2/2"), log);
        Set<String> reused = ids(REUSED, log);
        Set<String> trained = ids(TRAINED, log);
        assertEquals(
                recordedInSecondGeneration, reused, "the finished candidates of the interrupted generation are reused");
        assertTrue(
                trained.stream().noneMatch(recorded::contains), "no finished candidate is trained again: " + trained);
        Set<String> tASecondGeneration = new HashSet<>(reused);
        trained.stream().filter(id -> id.startsWith("t-a-")).forEach(tASecondGeneration::add);
        assertEquals(
                Set.of("t-a-v1-p0-g1-c0", "t-a-v1-p0-g1-c1"),
                tASecondGeneration,
                "t-a trains only its second generation");
        assertSameSystem(store);
    }

    @Test
    void killedDuringACommitCommitsOnRerunWithoutTraining() throws Exception {
        Path store = copyOfInitialStore("killed-in-commit");
        try (MunetProcess evolve = MunetProcess.start(
                dir,
                "killed-in-commit",
                List.of("-D" + PausePoint.PROPERTY + "=commit:paths.parquet"),
                evolveArgs(store))) {
            evolve.awaitStderrLine(PausePoint.MARKER + "commit:paths.parquet", TIMEOUT);
            evolve.kill();
        }
        assertTrue(Files.exists(store.resolve("versions/2/paths.parquet")), "the commit of t-a was under way");
        assertFalse(Files.exists(store.resolve("versions/2/" + SystemStore.MARKER)));
        assertEquals(1, latestVersion(store), "a commit without its marker is no version");

        String log = rerunToTheEnd(store, "resumed-commit");
        assertTrue(
                ids(TRAINED, log).stream().noneMatch(id -> id.startsWith("t-a-")), "t-a was trained already:\n" + log);
        assertTrue(ids(TRAINED, log).stream().anyMatch(id -> id.startsWith("t-b-")), log);
        assertSameSystem(store);
    }

    /** Reruns the same evolve command; it must finish, and the store then passes evaluate --verify. */
    private static String rerunToTheEnd(Path store, String name) throws Exception {
        String log;
        try (MunetProcess evolve = MunetProcess.start(dir, name, List.of(), evolveArgs(store))) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
            log = evolve.stderr();
        }
        assertTrue(log.contains("no longer runs"), "the killed job's lease is broken:\n" + log);
        TinyRun.Result verify =
                TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", store.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertFalse(Files.exists(store.resolve("in-progress")), "the finished run leaves no in-progress state");
        return log;
    }

    private static void assertSameSystem(Path store) throws IOException {
        SystemState resumed = TinyRun.latest(store);
        assertEquals(uninterrupted.version(), resumed.version());
        assertEquals(uninterrupted.tasks().keySet(), resumed.tasks().keySet());
        assertEquals(componentIdsPerTask(uninterrupted), componentIdsPerTask(resumed));
        assertEquals(uninterrupted.components().keySet(), resumed.components().keySet());
    }

    private static Map<String, List<String>> componentIdsPerTask(SystemState system) {
        return system.bestPaths().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().componentIds()));
    }

    private static String[] evolveArgs(Path store) {
        return new String[] {"evolve", "--config", config.toString(), "--store", store.toString()};
    }

    static Set<String> ids(Pattern pattern, String log) {
        return pattern.matcher(log).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Candidate ids of the results recorded in the store's in-progress folder. */
    static Set<String> recordedCandidates(Path store) throws IOException {
        try (Stream<Path> files = Files.list(store.resolve("in-progress/results"))) {
            return files.map(f -> RECORDED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path copyOfInitialStore(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(run.store())) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(run.store().relativize(file).toString()));
            }
        }
        return copy;
    }

    private static long latestVersion(Path store) throws IOException {
        return SystemStore.open(store.toUri().toString(), new Configuration()).latestVersion();
    }
}
