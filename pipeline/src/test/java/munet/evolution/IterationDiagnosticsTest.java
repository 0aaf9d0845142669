package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import org.junit.jupiter.api.Test;

/** The diagnostics a run reports per task iteration, checked against what its fake learner made happen. */
class IterationDiagnosticsTest {
    private static final List<Task> TASKS =
            List.of(Fixtures.task("t0", false), Fixtures.task("t1", false), Fixtures.task("t2", false));
    private static final EvolutionSettings SETTINGS =
            new EvolutionSettings(9, 3, 1.0, Set.of("final_norm"), true, Policy.MU2NET, MutationRates.GLOBAL);

    /** Everything a run reported. */
    private static final class Recording implements IterationJournal {
        final List<IterationState> states = new ArrayList<>();
        final Map<String, CandidateSpec> specs = new HashMap<>();
        final Map<String, CandidateResult> results = new HashMap<>();
        final List<IterationDiagnostics> iterations = new ArrayList<>();
        final Map<Long, SystemState> commits = new HashMap<>(Map.of(0L, Fixtures.rootSystem()));
        SystemState end;

        @Override
        public void generationFinished(
                IterationState state, List<CandidateSpec> generation, List<CandidateResult> outcomes) {
            states.add(state);
            generation.forEach(spec -> specs.put(spec.candidateId(), spec));
            outcomes.forEach(result -> results.put(result.candidateId(), result));
        }

        @Override
        public void iterationFinished(IterationDiagnostics diagnostics) {
            iterations.add(diagnostics);
        }
    }

    private static Recording run(EvolutionSettings settings, ToDoubleFunction<CandidateSpec> quality)
            throws IOException {
        Recording recording = new Recording();
        EvolutionRun run = new EvolutionRun(
                settings,
                Fixtures.space(),
                1,
                new FakeLearner(quality),
                recording,
                next -> recording.commits.put(next.version(), next));
        recording.end = run.run(Fixtures.rootSystem(), TASKS, 5);
        return recording;
    }

    private static double noise(CandidateSpec spec) {
        return (spec.seed() >>> 11) * 0x1.0p-53;
    }

    @Test
    void childrenThatAlwaysBeatTheirParentsShowAShareOfOneAndALineageThroughTheGenerations() throws IOException {
        Recording run = run(SETTINGS, spec -> 0.3 + 0.2 * spec.generation() + 0.01 * noise(spec));
        assertEquals(TASKS.size(), run.iterations.size());
        for (IterationDiagnostics iteration : run.iterations) {
            assertEquals(3, iteration.generations().size());
            assertEquals(9, iteration.candidates());
            assertTrue(
                    iteration.generations().get(0).withOwnParent() == 0,
                    "the first generation's parents are other tasks' or the root's");
            assertTrue(iteration.generations().get(2).withOwnParent() > 0);
            assertEquals(1.0, iteration.improvedShare());
            Path committed = run.end.bestPaths().get(iteration.task());
            assertEquals(committed.id(), iteration.committedPathId());
            assertEquals(committed.quality() - committed.testQuality(), iteration.validationTestGap());
            // walk the committed path's parents through the candidates this iteration trained
            int depth = 0;
            long images = 0;
            for (CandidateSpec spec = run.specs.get(committed.id());
                    spec != null;
                    spec = run.specs.get(spec.parentId())) {
                if (spec.task().name().equals(iteration.task())) {
                    depth++;
                    images += run.results.get(spec.candidateId()).imagesTrained();
                }
            }
            assertEquals(depth, iteration.lineageDepth());
            assertEquals(images, iteration.lineageImages());
            assertTrue(
                    iteration.lineageDepth() >= 2,
                    "the best of the last generation descends from earlier ones: " + iteration);
            assertEquals(
                    64L * iteration.lineageDepth(),
                    iteration.lineageImages(),
                    "the fake learner trains 64 images per candidate");
        }
    }

    @Test
    void childrenThatNeverBeatTheirParentsShowAShareOfZeroAndALineageOfOne() throws IOException {
        Recording run = run(SETTINGS, spec -> 0.9 - 0.2 * spec.generation() + 0.01 * noise(spec));
        for (IterationDiagnostics iteration : run.iterations) {
            assertEquals(0.0, iteration.improvedShare());
            int ownParents = iteration.generations().stream()
                    .mapToInt(GenerationDiagnostics::withOwnParent)
                    .sum();
            int selected = iteration.generations().stream()
                    .mapToInt(GenerationDiagnostics::selected)
                    .sum();
            assertEquals(9 - ownParents, selected, "only the children of other tasks' paths joined the population");
            assertEquals(1, iteration.lineageDepth(), "a first-generation child of another task's path: " + iteration);
            assertEquals(64, iteration.lineageImages());
        }
    }

    @Test
    void aBaselineTrainsEveryComponentAndClonesAllButTheNewHead() throws IOException {
        EvolutionSettings finetune =
                new EvolutionSettings(9, 3, 1.0, Set.of("final_norm"), true, Policy.FINETUNE_ALL, MutationRates.GLOBAL);
        Recording run = run(finetune, spec -> 0.5);
        int slots = Fixtures.rootPath().componentNames().size();
        for (IterationDiagnostics iteration : run.iterations) {
            GenerationDiagnostics only = iteration.generations().get(0);
            assertEquals(
                    List.of(new GenerationDiagnostics(0, 1, 0, 0, 1, slots, slots - 1, 64L * 9)),
                    iteration.generations());
            assertEquals(Double.NaN, iteration.improvedShare(), "no candidate had a parent of its own task");
            assertEquals(1, iteration.lineageDepth());
            assertEquals(only.imagesTrained(), iteration.lineageImages());
        }
    }

    @Test
    void aResumedIterationReportsWhatAnUninterruptedOneReports() throws IOException {
        Recording full = run(SETTINGS, FakeLearner::quality);
        IterationState mid = full.states.stream()
                .filter(s -> s.task().equals("t1") && s.nextGeneration() == 2)
                .findFirst()
                .orElseThrow();
        Recording resumed = new Recording();
        new EvolutionRun(SETTINGS, Fixtures.space(), 1, new FakeLearner(), resumed, next -> {})
                .resume(full.commits.get(mid.baseVersion()), TASKS, mid);
        assertEquals(full.iterations.subList(1, 3), resumed.iterations);
    }
}
