package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import munet.jobs.StoreJob;
import munet.jobs.TinyRun;
import munet.store.CandidateRow;
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
    // a bound on a hang, not a measure: a loaded 2-core machine has taken 3 minutes to start a child JVM and Spark
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The log line of a candidate's training (ConcurrentSweepIT finds what its rerun trained by it). */
    static final Pattern TRAINED = Pattern.compile("CandidateTrainer: candidate (\\S+) of task");

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
        long killed = killAt(store, "killed-in-generation", "candidate:3");
        Set<String> recorded = recordedCandidates(store);
        Set<String> recordedInSecondGeneration = recorded.stream()
                .filter(id -> id.startsWith("t-a-") && id.contains("-g1-"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(recordedInSecondGeneration.isEmpty(), "recorded before the kill: " + recorded);
        assertEquals(1, latestVersion(store), "nothing committed yet");

        long rerun = rerunToTheEnd(store, "resumed-generation", true);
        // the history names the JVM that trained each candidate: a reused result keeps the killed one's
        Set<String> reused = historyIds(store, killed, "t-a", 1);
        Set<String> trainedByRerun = historyIds(store, rerun, "t-a", 1);
        assertEquals(
                recordedInSecondGeneration, reused, "the finished candidates of the interrupted generation are reused");
        assertTrue(
                trainedByRerun.stream().noneMatch(recorded::contains),
                "no finished candidate is trained again: " + trainedByRerun);
        Set<String> tASecondGeneration = new TreeSet<>(reused);
        tASecondGeneration.addAll(trainedByRerun);
        assertEquals(
                Set.of("t-a-v1-p0-g1-c0", "t-a-v1-p0-g1-c1"),
                tASecondGeneration,
                "t-a trains only its second generation");
        assertTrue(historyIds(store, rerun, "t-a", 0).isEmpty(), "t-a's first generation is not trained again");
        assertSameSystem(store);
    }

    @Test
    void killedDuringACommitCommitsOnRerunWithoutTraining() throws Exception {
        Path store = copyOfInitialStore("killed-in-commit");
        long killed = killAt(store, "killed-in-commit", "commit:paths.parquet");
        assertTrue(Files.exists(store.resolve("versions/2/paths.parquet")), "the commit of t-a was under way");
        assertFalse(Files.exists(store.resolve("versions/2/" + SystemStore.MARKER)));
        assertEquals(1, latestVersion(store), "a commit without its marker is no version");

        long rerun = rerunToTheEnd(store, "resumed-commit", true);
        assertEquals(
                Set.of("t-a-v1-p0-g0-c0", "t-a-v1-p0-g0-c1", "t-a-v1-p0-g1-c0", "t-a-v1-p0-g1-c1"),
                historyIds(store, killed, "t-a", -1),
                "t-a was trained by the killed job");
        assertTrue(historyIds(store, rerun, "t-a", -1).isEmpty(), "and not again");
        assertEquals(4, historyIds(store, rerun, "t-b", -1).size(), "t-b is trained by the rerun");
        assertSameSystem(store);
    }

    /**
     * The reproduction: evolve killed in a generation, gc past the grace period, rerun.
     * gc once took the blobs of the interrupted generation's finished candidates, and every rerun
     * then failed with "blob ... is missing" until in-progress/ was deleted by hand.
     */
    @Test
    void gcBetweenAKillAndTheRerunKeepsWhatTheRerunReuses() throws Exception {
        Path store = copyOfInitialStore("killed-then-gc");
        killAt(store, "killed-then-gc", "candidate:3");
        SystemStore opened = SystemStore.open(store.toUri().toString(), new Configuration());
        Set<String> reusable = opened.finishedCandidates().all().stream()
                .flatMap(result -> result.newComponentIds().values().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(reusable.isEmpty(), "a finished candidate of the interrupted run kept a snapshot");

        TinyRun.Result gc = TinyRun.munet("gc", "--config", gcNow().toString(), "--store", store.toString());
        assertEquals(0, gc.exitCode(), gc.err());
        for (String blob : reusable) {
            assertTrue(opened.blobs().exists(blob), "gc kept blob " + blob + " of a finished candidate");
        }
        rerunToTheEnd(store, "resumed-after-gc", false); // gc broke the killed job's lease
        assertSameSystem(store);
    }

    /** SIGTERM (Airflow's on_kill, YARN preemption, Ctrl-C): the lease is released and the user told how to resume. */
    @Test
    void stoppedBySigtermReleasesTheLeaseAndSaysHowToResume() throws Exception {
        Path store = copyOfInitialStore("terminated");
        try (MunetProcess evolve = MunetProcess.start(
                dir, "terminated", List.of("-D" + PausePoint.PROPERTY + "=candidate:3"), evolveArgs(store))) {
            evolve.awaitStderrLine(PausePoint.MARKER + "candidate:3", TIMEOUT);
            evolve.terminate();
            assertEquals(143, evolve.awaitExit(TIMEOUT), evolve.output());
            List<String> said = evolve.stderr()
                    .lines()
                    .filter(line -> line.startsWith("munet evolve"))
                    .toList();
            assertEquals(List.of("munet evolve: " + StoreJob.STOPPED), said, evolve.output());
        }
        assertFalse(Files.exists(store.resolve("_LEASE")), "the stopped job released its lease");
        rerunToTheEnd(store, "resumed-after-sigterm", false);
        assertSameSystem(store);
    }

    /**
     * Two evolve started together on one store: one takes the lease and trains, the other fails at
     * start naming it; a gc while the first runs is refused the same way and removes nothing.
     */
    @Test
    void ofTwoWritersStartedTogetherOneProceedsAndTheOtherFailsNamingIt() throws Exception {
        Path store = copyOfInitialStore("two-writers");
        List<String> pause = List.of("-D" + PausePoint.PROPERTY + "=candidate:1");
        try (MunetProcess a = MunetProcess.start(dir, "writer-a", pause, evolveArgs(store));
                MunetProcess b = MunetProcess.start(dir, "writer-b", pause, evolveArgs(store))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling the processes, not waiting for time to pass
            }
            MunetProcess loser = a.isAlive() ? b : a;
            MunetProcess winner = loser == a ? b : a;
            assertEquals(1, loser.awaitExit(TIMEOUT), loser.output());
            winner.awaitStderrLine(PausePoint.MARKER + "candidate:1", TIMEOUT);
            String output = loser.output();
            String refusal = loser.stderr()
                    .lines()
                    .filter(line -> line.startsWith("munet evolve: "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(output));
            assertTrue(
                    refusal.contains("is in use by 'munet evolve'") && refusal.contains("pid " + winner.pid()),
                    refusal);

            Map<String, String> blobsBefore = blobHashes(store);
            TinyRun.Result gc = TinyRun.munet("gc", "--config", gcNow().toString(), "--store", store.toString());
            assertEquals(1, gc.exitCode(), gc.out());
            assertTrue(gc.err().contains("'munet evolve'") && gc.err().contains("pid " + winner.pid()), gc.err());
            Map<String, String> blobsAfter = blobHashes(store);
            blobsBefore.forEach((blob, hash) -> assertEquals(hash, blobsAfter.get(blob), "gc removed " + blob));
            winner.kill();
        }
        rerunToTheEnd(store, "two-writers-rerun", true);
        assertSameSystem(store);
    }

    /** Starts evolve on {@code store}, SIGKILLs it at {@code pausePoint}; returns its pid. */
    private static long killAt(Path store, String name, String pausePoint) throws Exception {
        try (MunetProcess evolve = MunetProcess.start(
                dir, name, List.of("-D" + PausePoint.PROPERTY + "=" + pausePoint), evolveArgs(store))) {
            evolve.awaitStderrLine(PausePoint.MARKER + pausePoint, TIMEOUT);
            evolve.kill();
            return evolve.pid();
        }
    }

    /**
     * Reruns the same evolve command; it must finish, and the store then passes evaluate --verify.
     * {@code killed}: the previous job died holding the lease, which the rerun breaks. Returns the rerun's pid.
     */
    private static long rerunToTheEnd(Path store, String name, boolean killed) throws Exception {
        try (MunetProcess evolve = MunetProcess.start(dir, name, List.of(), evolveArgs(store))) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
            assertEquals(killed, evolve.stderr().contains("no longer runs"), "the killed job's lease is broken");
            TinyRun.Result verify =
                    TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", store.toString());
            assertEquals(0, verify.exitCode(), verify.out() + verify.err());
            assertFalse(Files.exists(store.resolve("in-progress")), "the finished run leaves no in-progress state");
            return evolve.pid();
        }
    }

    /** The run's configuration with a gc grace period that lets gc take any unreferenced blob at once. */
    private static Path gcNow() {
        return run.config("gc-now.conf", List.of("t-a", "t-b"), "munet.store.gc-grace-period = 1ms");
    }

    /** Ids of the history's candidates of {@code task} trained in the JVM {@code pid} (in {@code generation}, or any if -1). */
    private static Set<String> historyIds(Path store, long pid, String task, int generation) throws IOException {
        return SystemStore.open(store.toUri().toString(), new Configuration()).history().read().stream()
                .filter(row -> row.task().equals(task) && (generation < 0 || row.generation() == generation))
                .filter(row -> row.result().executor().endsWith(" pid " + pid))
                .map(CandidateRow::candidateId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> blobHashes(Path store) throws IOException {
        Map<String, String> blobs = TinyRun.fileHashes(store.resolve("blobs"));
        blobs.keySet().removeIf(name -> !name.endsWith(".safetensors") || name.startsWith("."));
        return blobs;
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
