package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import munet.jobs.ChaosFileSystem;
import munet.jobs.KillPoint;
import munet.jobs.MunetProcess;
import munet.jobs.PausePoint;
import munet.jobs.TinyRun;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evolve} SIGKILLed again and again at points drawn with a fixed seed from the whole life
 * of an uninterrupted run, each rerun of the same command continuing where the last one died
 * until the next point; the last rerun finishes. After each kill the store passes {@code
 * evaluate --verify} and every version committed before it is byte for byte as it was; the
 * final system is the uninterrupted run's. {@link KillPoint} stops the child at the exact point
 * (a file written or renamed, a test split opened, the trainer's first validation), so no kill
 * depends on a sleep. {@value #POINTS_PROPERTY} sets how many points (default: one per phase).
 */
class ChaosKillIT {
    static final String POINTS_PROPERTY = "chaos.points";
    private static final long SEED = 15;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** The phases of a run's life, each with the kinds of kill point in it. */
    enum Phase {
        TRAINING("a candidate's training", true, "training"),
        BLOBS("blob written / renamed", true, "blob-written", "blob-renamed"),
        RESULT("finished candidate recorded", false, "result-recorded"),
        HISTORY("history appended", true, "history-written", "history-appended", "iteration-history-appended"),
        CHECKPOINT("checkpoint saved", true, "checkpoint-written", "checkpoint-saved"),
        COMMIT("tables written, no _COMMITTED yet", true, "table-written", "marker-written"),
        COMMITTED("_COMMITTED renamed into place", false, "committed"),
        TEST("test evaluation", true, "test-evaluation");

        final String description;
        /** A phase the issue names: every draw covers it. */
        final boolean required;

        final Set<String> kinds;

        Phase(String description, boolean required, String... kinds) {
            this.description = description;
            this.required = required;
            this.kinds = Set.of(kinds);
        }

        static Phase of(String point) {
            String kind = point.substring(0, point.indexOf(' '));
            for (Phase phase : values()) {
                if (phase.kinds.contains(kind)) {
                    return phase;
                }
            }
            throw new IllegalArgumentException("kill point of no phase: " + point);
        }
    }

    @TempDir
    static Path dir;

    private static Path config;

    @Test
    void killedAtSeededPointsAcrossItsLifeEndsAtTheUninterruptedSystem() throws Exception {
        TinyRun run = new TinyRun(dir);
        run.generateData();
        config = run.config("chaos.conf", List.of("t-a", "t-b"), chaosSettings(run));
        assertEquals(0, TinyRun.munet("init", "--config", config.toString()).exitCode());
        Path reference = copyOf(run.store(), "reference");
        Path chain = copyOf(run.store(), "chain");

        List<String> life;
        try (MunetProcess evolve = start("reference", KillPoint.NOWHERE, reference)) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
            life = trace("reference");
        }
        assertEquals(life.size(), new LinkedHashSet<>(life).size(), "each kill point is passed once: " + life);
        List<String> points = draw(life, Integer.getInteger(POINTS_PROPERTY, requiredPhases()));

        List<String> table = new ArrayList<>(List.of(
                "| # | phase | killed at | latest version after the kill | in-progress state | candidates the killed JVM began training"
                        + " | evaluate --verify | earlier versions |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |"));
        for (int i = 0; i < points.size(); i++) {
            String point = points.get(i);
            Map<String, String> committedBefore = committedFiles(chain);
            String name = "kill-" + (i + 1);
            try (MunetProcess evolve = start(name, point, chain)) {
                evolve.awaitStderrLine(PausePoint.MARKER + point, TIMEOUT);
                evolve.kill();
            }
            long trained =
                    trace(name).stream().filter(p -> p.startsWith("training ")).count();
            assertVerifies(chain);
            Map<String, String> committedAfter = committedFiles(chain);
            committedAfter.keySet().retainAll(committedBefore.keySet());
            assertEquals(committedBefore, committedAfter, "a committed version changed after the kill at " + point);
            table.add("| %d | %s | `%s` | %s | %s | %d | passes | byte-identical (%d files) |"
                    .formatted(
                            i + 1,
                            Phase.of(point).description,
                            point,
                            latestVersion(chain),
                            Files.exists(chain.resolve("in-progress")) ? "yes" : "no",
                            trained,
                            committedBefore.size()));
        }
        try (MunetProcess evolve = start("final", KillPoint.NOWHERE, chain)) {
            assertEquals(0, evolve.awaitExit(TIMEOUT), evolve.output());
        }
        assertVerifies(chain);
        assertFalse(Files.exists(chain.resolve("in-progress")), "the finished run leaves no in-progress state");
        SystemState uninterrupted = TinyRun.latest(reference);
        SystemState resumed = TinyRun.latest(chain);
        assertEquals(summary(uninterrupted), summary(resumed), "the killed and resumed run ends at the same system");
        assertEquals(
                Files.readString(reference.resolve("versions/3/architecture.json")),
                Files.readString(chain.resolve("versions/3/architecture.json")));

        table.add("");
        table.add("After the last kill the same command ran to the end: version " + resumed.version()
                + ", the uninterrupted run's best paths, components and test-prediction digests ("
                + points.size() + " kills, " + life.size() + " kill points in an uninterrupted life, seed " + SEED
                + ").");
        table.forEach(line -> System.out.println("ChaosKillIT: " + line));
    }

    /**
     * {@code count} points of {@code life}, in the order of the life: first one of each phase the
     * issue names (drawn in that phase), then the rest drawn from all points.
     */
    static List<String> draw(List<String> life, int count) {
        Random random = new Random(SEED);
        Map<Phase, List<String>> byPhase = new EnumMap<>(Phase.class);
        life.forEach(p ->
                byPhase.computeIfAbsent(Phase.of(p), k -> new ArrayList<>()).add(p));
        Set<String> drawn = new LinkedHashSet<>();
        for (Phase phase : Phase.values()) {
            if (phase.required) {
                List<String> candidates = byPhase.getOrDefault(phase, List.of());
                assertFalse(candidates.isEmpty(), "no kill point of phase " + phase + " in " + life);
                drawn.add(candidates.get(random.nextInt(candidates.size())));
            }
        }
        List<String> rest = new ArrayList<>(life);
        rest.removeAll(drawn);
        Collections.shuffle(rest, random);
        drawn.addAll(rest.subList(0, Math.max(0, Math.min(rest.size(), count - drawn.size()))));
        return life.stream().filter(drawn::contains).limit(count).toList();
    }

    private static int requiredPhases() {
        return (int) Stream.of(Phase.values()).filter(p -> p.required).count();
    }

    /**
     * One candidate at a time (local[1]), so the order of a life is fixed; datasets and store on
     * {@code chaos:}; two validations per candidate, so the first comes halfway through its training.
     */
    private static String chaosSettings(TinyRun run) {
        String tasks = Stream.of("t-a", "t-b")
                .map(t -> "{ name = " + t + ", dataset = \"" + ChaosFileSystem.SCHEME + "://" + run.dataset(t) + "\" }")
                .collect(Collectors.joining(", "));
        return "\nmunet.tasks = [ " + tasks + " ]\nmunet.training.validations-per-training = 2\n";
    }

    private static MunetProcess start(String name, String killAt, Path store) throws IOException {
        return MunetProcess.start(
                dir,
                name,
                List.of(
                        "-Dspark.master=local[1]",
                        "-D" + KillPoint.PROPERTY + "=" + killAt,
                        "-D" + KillPoint.TRACE_PROPERTY + "=" + dir.resolve(name + ".trace")),
                "evolve",
                "--config",
                config.toString(),
                "--store",
                ChaosFileSystem.SCHEME + "://" + store);
    }

    private static List<String> trace(String name) throws IOException {
        Path file = dir.resolve(name + ".trace");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static void assertVerifies(Path store) {
        TinyRun.Result verify =
                TinyRun.munet("evaluate", "--verify", "--config", config.toString(), "--store", store.toString());
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    /** Hashes of every file of every committed version (those with their marker). */
    private static Map<String, String> committedFiles(Path store) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (long version :
                SystemStore.open(store.toUri().toString(), new Configuration()).committedVersions()) {
            TinyRun.fileHashes(store.resolve("versions/" + version))
                    .forEach((file, hash) -> files.put(version + "/" + file, hash));
        }
        return files;
    }

    private static long latestVersion(Path store) throws IOException {
        return SystemStore.open(store.toUri().toString(), new Configuration()).latestVersion();
    }

    /** What a system is: its version, components, and per task the best path's components, quality and test digest. */
    private static Map<String, String> summary(SystemState system) {
        Map<String, String> summary = new TreeMap<>();
        summary.put("version", Long.toString(system.version()));
        summary.put("architecture", system.architecture().toString());
        summary.put("components", new TreeMap<>(system.components()).keySet().toString());
        system.bestPaths()
                .forEach((task, path) -> summary.put(
                        task,
                        path.id() + " " + path.componentIds() + " quality " + path.quality() + " test "
                                + path.testQuality() + " digest " + path.testDigest()));
        return summary;
    }

    private static Path copyOf(Path store, String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(store)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(store.relativize(file).toString()));
            }
        }
        return copy;
    }
}
