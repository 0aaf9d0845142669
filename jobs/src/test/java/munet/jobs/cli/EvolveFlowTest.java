package munet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import munet.evolution.IterationDiagnostics;
import munet.jobs.LoggedLines;
import munet.jobs.TinyRun;
import munet.store.CandidateRow;
import munet.store.SystemStore;
import munet.system.Component;
import munet.system.SystemState;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product flow in one JVM on real data, training and Spark: init, evolve two tasks, status,
 * evaluate --verify; then a third task added to the config is introduced by a second evolve
 * that leaves the first two exactly as they were.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvolveFlowTest {

    @TempDir
    static Path dir;

    private static TinyRun run;
    private static Path twoTasks;

    @BeforeAll
    static void evolveTwoTasks() {
        run = new TinyRun(dir);
        run.generateData();
        twoTasks = run.config("two-tasks.conf", List.of("t-a", "t-b"), "");
        TinyRun.Result init = TinyRun.munet("init", "--config", twoTasks.toString());
        assertEquals(0, init.exitCode(), init.err());
        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", twoTasks.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
    }

    @Test
    @Order(1)
    void initEvolveStatusEvaluateOnTwoTasks() throws Exception {
        SystemState system = TinyRun.latest(run.store());
        assertEquals(3, system.version(), "init commits version 1, then one version per task iteration");
        assertEquals(Set.of("t-a", "t-b"), system.bestPaths().keySet());

        TinyRun.Result status = TinyRun.munet("status", "--config", twoTasks.toString());
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("system version 3"), status.out());
        for (String task : List.of("t-a", "t-b")) {
            assertTrue(
                    status.out().lines().anyMatch(l -> l.startsWith(task + " ")),
                    "leaderboard row of " + task + ":\n" + status.out());
        }

        TinyRun.Result evaluate = TinyRun.munet("evaluate", "--verify", "--config", twoTasks.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.out() + evaluate.err());
        assertEquals(
                2,
                evaluate.out()
                        .lines()
                        .filter(l -> l.endsWith("identical to commit"))
                        .count(),
                evaluate.out());

        // 4 samples per task, 2 per generation: 2 generations of 2 candidates, each with its history row
        Map<String, Map<Integer, Long>> rows = candidatesPerGeneration(run.store());
        assertEquals(Map.of("t-a", Map.of(0, 2L, 1, 2L), "t-b", Map.of(0, 2L, 1, 2L)), rows);

        List<IterationDiagnostics> iterations = SystemStore.open(
                        run.store().toUri().toString(), new Configuration())
                .iterations()
                .read();
        assertEquals(
                List.of("t-a", "t-b"),
                iterations.stream().map(IterationDiagnostics::task).toList(),
                "one row per task iteration");
        for (IterationDiagnostics iteration : iterations) {
            assertEquals(system.bestPaths().get(iteration.task()).id(), iteration.committedPathId());
            assertEquals(4, iteration.candidates());
        }
    }

    @Test
    @Order(2)
    void aTaskAddedToTheConfigIsTheOnlyOneTrainedAndTheOthersStayBitIdentical() throws Exception {
        SystemState before = TinyRun.latest(run.store());
        List<CandidateRow> historyBefore = history(run.store());
        Path threeTasks = run.config("three-tasks.conf", List.of("t-a", "t-b", "t-c"), "");

        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", threeTasks.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());

        SystemState after = TinyRun.latest(run.store());
        assertEquals(before.version() + 1, after.version(), "one task iteration, one commit");
        assertEquals(Set.of("t-a", "t-b", "t-c"), after.bestPaths().keySet());
        for (String task : List.of("t-a", "t-b")) {
            assertEquals(
                    before.bestPaths().get(task).componentIds(),
                    after.bestPaths().get(task).componentIds(),
                    task);
            assertEquals(
                    before.bestPaths().get(task).testDigest(),
                    after.bestPaths().get(task).testDigest(),
                    task);
        }
        List<CandidateRow> added = history(run.store()).stream()
                .filter(r -> !historyBefore.contains(r))
                .toList();
        assertEquals(
                Set.of("t-c"),
                added.stream().map(CandidateRow::task).collect(Collectors.toSet()),
                "only the new task trained");
        assertEquals(4, added.size());

        TinyRun.Result evaluate = TinyRun.munet("evaluate", "--verify", "--config", threeTasks.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.out() + evaluate.err());
        for (String task : List.of("t-a", "t-b", "t-c")) {
            assertTrue(
                    evaluate.out().lines().anyMatch(l -> l.startsWith(task + " ") && l.endsWith("identical to commit")),
                    task + "'s test predictions must equal those recorded at its commit:\n" + evaluate.out());
        }
    }

    /** How the quickstart builds its root ({@code munet.init.root = pretrain}), with a tiny budget. */
    @Test
    @Order(3)
    void initWithAPretrainedRootTrainsItOnTheSourceDatasetAndTasksEvolveFromIt() throws Exception {
        Path store = dir.resolve("pretrained-root");
        Path config = run.config(
                "pretrain.conf",
                List.of("t-a"),
                "munet.init { root = pretrain, pretrain { dataset = \"" + run.dataset("t-b")
                        + "\", budget-scale = 4 } }");
        LoggedLines.Captured<TinyRun.Result> logged = LoggedLines.during(
                // the training in progress (package-private CandidateRun) logs the progress lines
                "munet.train.CandidateRun",
                () -> TinyRun.munet("init", "--config", config.toString(), "--store", store.toString()));
        TinyRun.Result init = logged.value();
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(init.out().contains("% validation accuracy on its source task"), init.out());
        // the root's training says how far it is at every tenth of its steps: 4 validations of 3 steps
        List<String> progress = logged.lines().stream()
                .filter(l ->
                        l.startsWith("candidate root-pretraining of task root-pretraining: ") && l.contains(" steps ("))
                .map(l -> l.replaceAll(", [0-9.,]+ steps/s, (ETA|done in) .*", ""))
                .toList();
        assertEquals(10, progress.size(), logged.lines().toString());
        assertTrue(progress.get(0).endsWith(": 2/12 steps (16%)"), progress.get(0));
        assertTrue(progress.get(9).endsWith(": 12/12 steps (100%)"), progress.get(9));
        assertTrue(
                logged.lines().stream().anyMatch(l -> l.contains("12/12 steps (100%)") && l.contains("done in")),
                logged.lines().toString());

        SystemState pretrained = TinyRun.latest(store);
        SystemState random = TinyRun.latest(run.store()); // the same seed and model, root = random
        munet.system.Path root = pretrained.rootPaths().get(0);
        assertTrue(root.quality() >= 0 && root.quality() <= 1, "validated on t-b: " + root.quality());
        Component head =
                pretrained.component(root.componentIds().get(root.componentIds().size() - 1));
        assertEquals(List.of(16, 4), head.shape(), "the head has t-b's 4 classes");
        for (String name : List.of("patch_embedding", "encoderblock_0")) {
            String trained = root.componentIds().get(root.componentNames().indexOf(name));
            munet.system.Path randomRoot = random.rootPaths().get(0);
            String initial =
                    randomRoot.componentIds().get(randomRoot.componentNames().indexOf(name));
            assertNotEquals(initial, trained, name + " was trained, not left at its initialisation");
        }

        TinyRun.Result evolve = TinyRun.munet("evolve", "--config", config.toString(), "--store", store.toString());
        assertEquals(0, evolve.exitCode(), evolve.err());
        List<String> tA = TinyRun.latest(store).bestPaths().get("t-a").componentIds();
        assertTrue(tA.stream().anyMatch(root.componentIds()::contains), "t-a reuses the pretrained root: " + tA);
    }

    private static List<CandidateRow> history(Path store) throws Exception {
        return SystemStore.open(store.toUri().toString(), new Configuration())
                .history()
                .read();
    }

    private static Map<String, Map<Integer, Long>> candidatesPerGeneration(Path store) throws Exception {
        return history(store).stream()
                .collect(Collectors.groupingBy(
                        CandidateRow::task,
                        TreeMap::new,
                        Collectors.groupingBy(CandidateRow::generation, TreeMap::new, Collectors.counting())));
    }
}
