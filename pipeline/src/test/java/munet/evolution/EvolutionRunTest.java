package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/** Simulated runs with a fake learner: 5 tasks (t2 private), 6 candidates per task in generations of 3. */
class EvolutionRunTest {
    static final List<Task> TASKS = List.of(
            Fixtures.task("t0", false),
            Fixtures.task("t1", false),
            Fixtures.task("t2", true),
            Fixtures.task("t3", false),
            Fixtures.task("t4", false));
    static final EvolutionSettings SETTINGS =
            new EvolutionSettings(6, 3, 0.9, Set.of("final_norm"), true, Policy.MU2NET, MutationRates.GLOBAL);
    private static final EvolutionSettings LEARNING = new EvolutionSettings(
            6,
            3,
            0.9,
            Set.of("final_norm"),
            true,
            Policy.MU2NET,
            new MutationRates(MutationRates.Mode.LEARNED, List.of(0.02, 0.06, 0.1, 0.14, 0.18, 0.22, 0.26, 0.3), 0.1));

    /** What a run committed and journaled. */
    private record Recorded(
            SystemState end, List<SystemState> commits, List<IterationState> states, FakeLearner learner) {}

    private static Recorded run(EvolutionSettings settings, List<Task> tasks, SystemState start, int passes, long seed)
            throws IOException {
        List<SystemState> commits = new ArrayList<>();
        List<IterationState> states = new ArrayList<>();
        FakeLearner learner = new FakeLearner();
        EvolutionRun run = new EvolutionRun(
                settings,
                Fixtures.space(),
                passes,
                learner,
                (state, specs, results) -> states.add(state),
                commits::add);
        return new Recorded(run.run(start, tasks, seed), commits, states, learner);
    }

    private static Recorded run(long seed) throws IOException {
        return run(SETTINGS, TASKS, Fixtures.rootSystem(), 2, seed);
    }

    @Test
    void everyIterationChangesOnlyItsOwnPathAndKeepsOwnershipExact() throws IOException {
        assertOnlyOwnPathsChangeAndOwnershipIsExact(run(7));
    }

    @Test
    void learnedMutationProbabilitiesKeepEveryInvariantAndTravelWithThePaths() throws IOException {
        Recorded run = run(LEARNING, TASKS, Fixtures.rootSystem(), 2, 7);
        assertOnlyOwnPathsChangeAndOwnershipIsExact(run);
        run.end()
                .bestPaths()
                .values()
                .forEach(path -> assertFalse(path.mutationProbabilities().isEmpty(), path.id()));
        for (CandidateSpec spec : run.learner().trained()) {
            spec.mutationProbabilities()
                    .byAction()
                    .values()
                    .forEach(p -> assertTrue(LEARNING.mutationRates().grid().contains(p), spec + ": " + p));
        }
    }

    private static void assertOnlyOwnPathsChangeAndOwnershipIsExact(Recorded run) {
        assertEquals(10, run.commits().size());
        assertEquals(60, run.learner().trained().size());
        assertEquals("t0-v0-p0-g0-c0", run.learner().trained().get(0).candidateId());
        assertEquals("t4-v9-p1-g1-c2", run.learner().trained().get(59).candidateId());
        SystemState before = Fixtures.rootSystem();
        int changedPaths = 0;
        Map<String, String> createdBy = new HashMap<>();
        before.components().keySet().forEach(id -> createdBy.put(id, Task.ROOT));
        for (int i = 0; i < run.commits().size(); i++) {
            SystemState state = run.commits().get(i);
            String active = TASKS.get(i % TASKS.size()).name();
            assertEquals(before.version() + 1, state.version());
            for (Map.Entry<String, Path> entry : before.bestPaths().entrySet()) {
                if (!entry.getKey().equals(active)) {
                    assertEquals(
                            entry.getValue(),
                            state.bestPaths().get(entry.getKey()),
                            "iteration of " + active + " changed " + entry.getKey());
                }
            }
            assertTrue(state.bestPaths().containsKey(active));
            Path previous = before.bestPaths().get(active);
            changedPaths += previous == null
                            || !previous.id()
                                    .equals(state.bestPaths().get(active).id())
                    ? 1
                    : 0;
            assertEquals(
                    componentsOfLivePaths(state),
                    state.components().keySet(),
                    "every live component is used by a live path");
            for (Component component : state.components().values()) {
                assertEquals(users(state, component.id()), component.owners(), "owners of " + component.id());
                if (component.kind() == munet.system.ComponentKind.HEAD) {
                    assertEquals(1, component.owners().size(), "a head serves one task: " + component.owners());
                }
                createdBy.putIfAbsent(component.id(), active);
                if (createdBy.get(component.id()).equals("t2")) {
                    assertEquals(
                            Set.of("t2"), component.owners(), "a private task's component is used by no other task");
                }
            }
            state.bestPaths().values().forEach(path -> assertNotNull(path.testDigest(), "tested: " + path.id()));
            before = state;
        }
        assertEquals(changedPaths, run.learner().tested().size(), "only changed paths are tested");
        assertTrue(changedPaths < run.commits().size(), "some iteration kept its task's path");
        SystemState end = run.end();
        assertTrue(
                end.components().values().stream()
                        .anyMatch(c -> c.owners().stream()
                                        .filter(o -> !o.equals(Task.ROOT))
                                        .count()
                                >= 2),
                "some knowledge was transferred between tasks");
        assertTrue(
                end.bestPaths().get("t2").componentIds().stream()
                        .anyMatch(id -> createdBy.get(id).equals("t2")),
                "the private task owns components of its own, so the privacy check above was not vacuous");
    }

    static Set<String> users(SystemState state, String id) {
        Set<String> users = new TreeSet<>();
        state.livePaths().stream()
                .filter(path -> path.componentIds().contains(id))
                .forEach(path -> users.add(path.task()));
        return users;
    }

    @Test
    void onlyParentsOfTheActiveTaskSetAScoreToBeat() throws IOException {
        Recorded run = run(7);
        for (CandidateSpec spec : run.learner().trained()) {
            boolean ownParent = spec.parentId().startsWith(spec.task().name() + "-");
            assertEquals(ownParent, spec.scoreToBeat() > Double.NEGATIVE_INFINITY, spec.candidateId());
            assertEquals(1, spec.budgetScale());
        }
        assertTrue(run.learner().trained().stream()
                .anyMatch(spec -> !spec.mutations().isEmpty()));
    }

    @Test
    void candidatesOfOneGenerationShareTheirDataHyperparameters() throws IOException {
        Map<String, Set<Map<String, Object>>> dataByGeneration = new HashMap<>();
        for (CandidateSpec spec : run(7).learner().trained()) {
            String generation =
                    spec.candidateId().substring(0, spec.candidateId().lastIndexOf("-c"));
            Map<String, Object> data = new HashMap<>(spec.hparams().asMap());
            data.keySet().removeIf(key -> !key.startsWith("ds_"));
            dataByGeneration
                    .computeIfAbsent(generation, g -> new java.util.HashSet<>())
                    .add(data);
        }
        assertEquals(20, dataByGeneration.size());
        dataByGeneration.forEach((generation, data) -> assertEquals(1, data.size(), generation + ": " + data));
        assertTrue(
                dataByGeneration.values().stream()
                                .map(set -> set.iterator().next())
                                .distinct()
                                .count()
                        > 1,
                "data hyperparameters evolve between generations");
    }

    @Test
    void sharedBatchesGiveAGenerationOneSeedAndChangeNothingElseOfItsPlan() throws IOException {
        EvolutionSettings shared = new EvolutionSettings(
                6, 3, 0.9, Set.of("final_norm"), true, Policy.MU2NET, MutationRates.GLOBAL, 0, true);
        List<CandidateSpec> sharing =
                run(shared, TASKS, Fixtures.rootSystem(), 2, 7).learner().trained();
        Map<String, Set<Long>> seedsByGeneration = new HashMap<>();
        sharing.forEach(spec -> seedsByGeneration
                .computeIfAbsent(
                        spec.candidateId().substring(0, spec.candidateId().lastIndexOf("-c")),
                        g -> new java.util.HashSet<>())
                .add(spec.seed()));
        assertEquals(20, seedsByGeneration.size());
        seedsByGeneration.forEach((generation, seeds) -> assertEquals(1, seeds.size(), generation + ": " + seeds));
        List<CandidateSpec> own = run(7).learner().trained();
        for (int i = 0; i < 3; i++) {
            assertEquals(own.get(i).candidateId(), sharing.get(i).candidateId());
            assertEquals(own.get(i).slots(), sharing.get(i).slots());
            assertEquals(own.get(i).hparams(), sharing.get(i).hparams());
            assertEquals(own.get(0).seed(), sharing.get(i).seed());
        }
    }

    @Test
    void theSameSeedGivesTheSameSystem() throws IOException {
        SystemState first = run(7).end();
        assertEquals(first, run(7).end());
        assertNotEquals(first, run(8).end());
        SystemState learning = run(LEARNING, TASKS, Fixtures.rootSystem(), 2, 7).end();
        assertEquals(learning, run(LEARNING, TASKS, Fixtures.rootSystem(), 2, 7).end());
    }

    @Test
    void aResumedRunReachesTheSameSystemAsAnUninterruptedOne() throws IOException {
        assertResumesToTheSameSystem(SETTINGS);
    }

    @Test
    void aResumedRunWithLearnedProbabilitiesReachesTheSameSystem() throws IOException {
        assertResumesToTheSameSystem(LEARNING);
    }

    private static void assertResumesToTheSameSystem(EvolutionSettings settings) throws IOException {
        Recorded full = run(settings, TASKS, Fixtures.rootSystem(), 2, 7);
        Map<Long, SystemState> byVersion = new HashMap<>();
        byVersion.put(0L, Fixtures.rootSystem());
        full.commits().forEach(state -> byVersion.put(state.version(), state));
        IterationState midIteration = full.states().stream()
                .filter(s -> s.task().equals("t3") && s.pass() == 1 && !s.finished())
                .findFirst()
                .orElseThrow();
        IterationState finished = full.states().stream()
                .filter(s -> s.task().equals("t1") && s.finished())
                .findFirst()
                .orElseThrow();
        assertEquals(1, midIteration.nextGeneration());

        assertEquals(full.end(), resume(settings, byVersion.get(midIteration.baseVersion()), midIteration));
        assertEquals(
                full.end(),
                resume(settings, byVersion.get(finished.baseVersion() + 1), finished),
                "killed after the commit");
        assertEquals(
                full.end(),
                resume(settings, byVersion.get(finished.baseVersion()), finished),
                "killed before the commit");
        assertThrows(
                IllegalArgumentException.class,
                () -> resume(settings, byVersion.get(midIteration.baseVersion() + 1), midIteration));
    }

    private static SystemState resume(EvolutionSettings settings, SystemState stored, IterationState last)
            throws IOException {
        EvolutionRun run =
                new EvolutionRun(settings, Fixtures.space(), 2, new FakeLearner(), IterationJournal.NONE, next -> {});
        return run.resume(stored, TASKS, last);
    }

    @Test
    void aTaskAddedLaterIsIntroducedByTheNextRun() throws IOException {
        SystemState first =
                run(SETTINGS, TASKS.subList(0, 4), Fixtures.rootSystem(), 2, 3).end();
        assertFalse(first.tasks().containsKey("t4"));
        Recorded second = run(SETTINGS, TASKS, first, 1, 3);
        assertEquals(
                List.of("t4"),
                second.learner().trained().stream()
                        .map(spec -> spec.task().name())
                        .distinct()
                        .toList(),
                "only the new task is trained");
        assertEquals(first.version() + 1, second.end().version());
        assertTrue(second.end().bestPaths().containsKey("t4"));
        first.bestPaths()
                .forEach((task, path) -> assertEquals(
                        path.componentIds(), second.end().bestPaths().get(task).componentIds()));
        assertTrue(
                second.learner().trained().stream()
                        .anyMatch(spec -> !spec.parentId().equals("root")
                                && !spec.parentId().startsWith("t4-")),
                "t4 learned from earlier tasks");

        Recorded revisit = run(SETTINGS, TASKS, second.end(), 2, 3);
        assertEquals(
                TASKS.size(), revisit.commits().size(), "a second pass revisits every task, the first has nothing new");
    }

    @Test
    void baselinesTrainOneUnmutatedCandidateWithTheWholeBudget() throws IOException {
        EvolutionSettings finetune =
                new EvolutionSettings(6, 3, 1.0, Set.of("final_norm"), true, Policy.FINETUNE_ALL, MutationRates.GLOBAL);
        Recorded run = run(finetune, TASKS.subList(0, 3), Fixtures.rootSystem(), 1, 1);
        assertEquals(3, run.learner().trained().size());
        for (CandidateSpec spec : run.learner().trained()) {
            assertEquals(6, spec.budgetScale());
            assertEquals("root", spec.parentId());
            assertEquals(List.of(), spec.mutations());
            assertTrue(spec.slots().stream().allMatch(ComponentSlot::trainable));
        }
        run.end()
                .components()
                .values()
                .forEach(c -> assertTrue(c.owners().size() == 1, c.id() + " is shared: " + c.owners()));
    }

    @Test
    void aBaselineBudgetFollowsTheLineageRuleOrACount() throws IOException {
        EvolutionSettings lineage = new EvolutionSettings(
                6,
                3,
                1.0,
                Set.of("final_norm"),
                true,
                Policy.FINETUNE_ALL,
                MutationRates.GLOBAL,
                EvolutionSettings.parseBaselineBudget("lineage"),
                false);
        assertEquals(2, lineage.budgetScale(), "6 candidates, 3 per generation: a lineage of 2");
        assertEquals(
                2,
                run(lineage, TASKS.subList(0, 1), Fixtures.rootSystem(), 1, 1)
                        .learner()
                        .trained()
                        .get(0)
                        .budgetScale());
        assertEquals(
                5,
                new EvolutionSettings(6, 3, 1.0, Set.of(), true, Policy.FINETUNE_ALL, MutationRates.GLOBAL, 5, false)
                        .budgetScale());
        assertEquals(
                1,
                new EvolutionSettings(6, 3, 1.0, Set.of(), true, Policy.MU2NET, MutationRates.GLOBAL, 5, false)
                        .budgetScale(),
                "µ2Net candidates ignore it");
        assertThrows(IllegalArgumentException.class, () -> EvolutionSettings.parseBaselineBudget("0"));
        assertThrows(IllegalArgumentException.class, () -> EvolutionSettings.parseBaselineBudget("longest"));
    }

    @Test
    void aTaskWhoseCandidatesNeverProduceASnapshotFailsLoudly() {
        EvolutionRun run = new EvolutionRun(
                SETTINGS, Fixtures.space(), 1, new FakeLearner(spec -> Double.NaN), IterationJournal.NONE, next -> {});
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> run.run(Fixtures.rootSystem(), TASKS, 1));
        assertTrue(e.getMessage().contains("task t0"), e.getMessage());
    }

    static Set<String> componentsOfLivePaths(SystemState state) {
        Set<String> ids = new HashSet<>();
        state.livePaths().forEach(path -> ids.addAll(path.componentIds()));
        return ids;
    }
}
